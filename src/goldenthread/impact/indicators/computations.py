"""Every computation the platform offers as an indicator's source (see `computed.py` for the contract). Written by the indicators part."""
