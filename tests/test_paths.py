"""Where things live (analysis.paths): the folder the charts go to is the one the environment names."""

from __future__ import annotations


def test_charts_go_to_the_folder_the_environment_names(tmp_path) -> None:
    import os
    import subprocess
    import sys

    code = "from analysis import paths; print(paths.FIGURES)"
    env = {**os.environ, "ANALYSIS_FIGURES_DIR": str(tmp_path / "mine")}
    moved = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert moved.stdout.strip() == str(tmp_path / "mine")
    env.pop("ANALYSIS_FIGURES_DIR")
    default = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert default.stdout.strip().endswith("figures") and default.stdout.strip() != str(tmp_path / "mine")
