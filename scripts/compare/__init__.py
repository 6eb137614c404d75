"""ompcompare: run OpenMP programs under several OpenMP runtimes side by side."""
