"""The vendor's domain: catalog, stock, sales, the hash-chained ledger, day close."""
