"""ZVKD Desktop: casework for the Persoonlijke Aanpak Delft (PAD) over an encrypted local store."""

__version__ = "0.1.0"
APP_NAME = "ZVKD Desktop"
ORG_NAME = "Zorg- en Veiligheidskamer Delft"  # shown to people; folders use paths.ORGANISATION
