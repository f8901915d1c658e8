"""Numbers from the law as named, dated parameters with their legal basis."""
