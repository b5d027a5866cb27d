"""Following a case, a committee or a search by e-mail, without an account (issue 22)."""
