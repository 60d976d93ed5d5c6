# Generated from spec/master.json (sha256 14f2ca3894ac) by openapi-python-client 0.29.1
# via `make generate`. Do not edit by hand: change the spec or
# scripts/openapi-python-client.yaml and regenerate.
"""Contains methods for accessing the API"""
