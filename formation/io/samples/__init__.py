"""Sample documents used by the demo and the tests (a real-style förbundsordning)."""
