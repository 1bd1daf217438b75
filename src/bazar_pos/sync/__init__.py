"""Daily totals travelling from a booth to the organizer: the bundle format, outbox and client."""
