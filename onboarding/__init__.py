"""Onboarding of new regencies, the replication template library and provisioning."""
