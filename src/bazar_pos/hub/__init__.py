"""The organizer's hub: registered booths, verified daily bundles, status and the event report.

It never reads a booth database: booths and hub meet only in the bundle format (`sync.bundle`).
"""
