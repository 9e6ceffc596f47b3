"""Everything that turns a case into something to read: status, log, snapshot."""
