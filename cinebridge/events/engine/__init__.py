"""Pure computation for festivals and film weeks: the schedule optimiser (scheduling.py), its
independent rule checker (checker.py) and its JSON (jsonio.py). No Django imports."""
