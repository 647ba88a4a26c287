"""Who is asking: sessions, sign-in, bearer tokens and the Principal."""
