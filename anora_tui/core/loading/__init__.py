"""From a dataset directory to a `Dataset`: the YAML format, per-file reading (in worker processes for a
big dataset), the cross-file merge and checks, and the load cache."""
