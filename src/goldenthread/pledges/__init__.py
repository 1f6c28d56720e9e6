"""The pledge: organisations commit to the way of working, publish a statement and keep to it."""
