"""The app version written into every saved plan."""

APP_VERSION = "0.5.0"
