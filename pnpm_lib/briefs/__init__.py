"""Evaluation and provincial briefs: parameters, batch runner, HTML export."""
