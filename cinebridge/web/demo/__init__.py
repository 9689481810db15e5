"""Demo data: the Iran–Belarus programme and a synthetic catalogue for scale tests."""
