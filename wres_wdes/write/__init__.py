"""Writers: every output is made from the tidy results."""
