"""Printed things: receipts, the day's Z report, the event report (reportlab), ESC/POS output."""
