"""Packages for learning management systems: SCORM 1.2 and IMS Common Cartridge."""
