"""nn101: learn backpropagation by doing it, after Karpathy's Hacker's guide to Neural Networks."""

__version__ = "0.1.0"
