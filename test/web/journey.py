"""The Python client's part of the browser journey (test/web/journey.test.ts), one step per call.

  journey.py setup            (TOKEN: the owner's) a benchmark, a model with a result, a model without one
  journey.py pr MODEL VALUE   (TOKEN: a contributor's) a community pull request adding a score; prints its number

HF_ENDPOINT and TOKEN come from the environment.
"""
import os
import sys

from huggingface_hub import HfApi

api = HfApi(endpoint=os.environ["HF_ENDPOINT"], token=os.environ["TOKEN"])
BENCH_NAME = "journey-bench"

EVAL_YAML = b"""name: Journey bench
description: A benchmark made up for the browser journey test.
evaluation_framework: math-arena
tasks:
  - id: score
"""


def result(bench, value, notes):
    return f"- dataset:\n    id: {bench}\n    task_id: score\n  value: {value}\n  notes: {notes}\n".encode()


def setup():
    me = api.whoami()["name"]
    bench = f"{me}/{BENCH_NAME}"
    api.create_repo(bench, repo_type="dataset")
    api.upload_file(path_or_fileobj=EVAL_YAML, path_in_repo="eval.yaml", repo_id=bench, repo_type="dataset", commit_message="Add eval.yaml")
    api.create_repo(f"{me}/model-a")
    api.upload_file(path_or_fileobj=result(bench, 71.5, "author run"), path_in_repo=".eval_results/journey.yaml", repo_id=f"{me}/model-a", commit_message="Add results")
    api.create_repo(f"{me}/model-b")
    api.upload_file(path_or_fileobj=b"# model-b\n", path_in_repo="README.md", repo_id=f"{me}/model-b", commit_message="Add README")
    print(bench)


def pull_request(model, value):
    owner = model.split("/")[0]
    info = api.upload_file(
        path_or_fileobj=result(f"{owner}/{BENCH_NAME}", value, "community run"),
        path_in_repo=".eval_results/community.yaml",
        repo_id=model,
        create_pr=True,
        commit_message=f"Add a score of {value}",
    )
    print(info.pr_num)


if sys.argv[1] == "setup":
    setup()
elif sys.argv[1] == "pr":
    pull_request(sys.argv[2], sys.argv[3])
else:
    sys.exit(f"unknown step {sys.argv[1]}")
