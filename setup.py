"""The package layout that pyproject.toml cannot say: the top-level models/ folder is installed
as the package ``minutes_models`` (found with importlib.resources; see pipeline/contract/resources.py)."""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["pipeline", "pipeline.*"]) + ["minutes_models"],
      package_dir={"minutes_models": "models"},
      package_data={"minutes_models": ["*.md", "**/*"], "pipeline": ["**/*.yaml", "**/*.json", "**/*.txt", "**/*.tsv"]},
      include_package_data=True)
