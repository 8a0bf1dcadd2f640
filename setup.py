"""Packages and the data they ship: the library from src/, and the built tables of data/ as ``analysis._data``.

``data/`` stays where the build writes it (one copy, in the repository); the wheel carries its
tables, codebook and Data Package descriptor inside the package, so that ``load_polls()`` works
after a plain ``pip install`` from any folder (found with ``importlib.resources``).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "analysis._data"],
    package_dir={"": "src", "analysis._data": "data"},
    package_data={
        "analysis": ["resources/*.csv", "resources/*.json", "resources/templates/*"],
        "analysis._data": ["*.csv", "datapackage.json", "README.md"],
    },
    include_package_data=False,
)
