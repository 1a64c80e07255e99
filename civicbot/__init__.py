"""CivicBot: a city's civic-participation bot service."""

__version__ = "0.1.0"
