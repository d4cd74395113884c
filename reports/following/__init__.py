"""Following a figure by e-mail: subscribing with double opt-in, the messages, and sending
them from the outbox that publishing a release fills (reports.releases.outbox)."""
