"""Pure computation for exhibition: royalty statements (royalties.py) and their JSON (jsonio.py).
No Django imports."""
