"""Workflow definitions as data: the FINSAM template, its loader and validator, and the machine builder."""
