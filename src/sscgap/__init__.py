"""sscgap: talent gap analyzer for shared service centres (SSC)."""

__version__ = "0.1.0"
