"""Drives huggingface_hub's eval-results API (leaderboards, model_info evalResults, community PRs) against an evalhub endpoint.

Run with HF_ENDPOINT, OWNER_TOKEN (owns the benchmark and the models), CONTRIB_TOKEN (opens community pull
requests) and ADMIN_TOKEN (a site admin: flags the benchmark official) set. Prints what it saw at each step as
one JSON object on the last line.
"""
import json
import os

from huggingface_hub import HfApi
from huggingface_hub.utils import get_session

endpoint = os.environ["HF_ENDPOINT"]
owner = HfApi(endpoint=endpoint, token=os.environ["OWNER_TOKEN"])
contrib = HfApi(endpoint=endpoint, token=os.environ["CONTRIB_TOKEN"])
me = owner.whoami()["name"]
BENCH = f"{me}/py-bench"
MODEL_A, MODEL_B, FINETUNE = f"{me}/model-a", f"{me}/model-b", f"{me}/finetune"
out = {}


def result(value, date=None, notes=None, source=None):
    text = f"- dataset:\n    id: {BENCH}\n    task_id: score\n  value: {value}\n"
    if date:
        text += f'  date: "{date}"\n'
    if source:
        text += f"  source:\n    url: {source[0]}\n    name: {source[1]}\n"
    if notes:
        text += f"  notes: {notes}\n"
    return text.encode()


def board(**kwargs):
    return [
        {
            "rank": e.rank,
            "model_id": e.model_id,
            "value": e.value,
            "verified": e.verified,
            "filename": e.filename,
            "pull_request": e.pull_request,
            "notes": e.notes,
            "source": e.source,
            "author": getattr(e.author, "name", None) or getattr(e.author, "username", None),
            "author_type": type(e.author).__name__,
            # Keys HF's class does not know are kept as attributes (forward compatibility).
            "community": getattr(e, "community", None),
            "task_id": getattr(e, "task_id", None),
            "lower_is_better": getattr(e, "lower_is_better", None),
        }
        for e in owner.get_dataset_leaderboard(BENCH, **kwargs)
    ]


def raw(path, token=None):
    headers = {"authorization": f"Bearer {token}"} if token else {}
    r = get_session().get(f"{endpoint}{path}", headers=headers)
    r.raise_for_status()
    return r.json()


def raw_board():
    return [{"modelId": e["modelId"], "value": e["value"], "pullRequest": e.get("pullRequest"), "community": e["community"]} for e in raw(f"/api/datasets/{BENCH}/leaderboard")]


def evals(model):
    info = owner.model_info(model, expand=["evalResults"])
    entries = [
        {"dataset_id": e.dataset_id, "task_id": e.task_id, "value": e.value, "date": e.date, "source_url": e.source_url, "source_name": e.source_name, "notes": e.notes}
        for e in info.eval_results or []
    ]
    # huggingface_hub keeps only `data`; the wrapper's filename and pullRequest are read from the JSON itself.
    wrappers = [{k: v for k, v in item.items() if k != "data"} for item in raw(f"/api/models/{model}?expand[]=evalResults")["evalResults"]]
    return {"entries": entries, "wrappers": wrappers}


def moderate(action, model, key, reason):
    r = get_session().post(
        f"{endpoint}/api/models/{model}/eval-results/{action}",
        headers={"authorization": f"Bearer {os.environ['OWNER_TOKEN']}"},
        json={**key, "reason": reason},
    )
    r.raise_for_status()
    return r.json()


# The benchmark and three models, by their owner.
owner.create_repo(BENCH, repo_type="dataset")
owner.upload_file(
    path_or_fileobj=b"name: Py Bench\ndescription: A benchmark for the Python client\nevaluation_framework: math-arena\ntasks:\n  - id: score\n  - id: hard\n",
    path_in_repo="eval.yaml", repo_id=BENCH, repo_type="dataset", commit_message="Add eval.yaml",
)
for repo in (MODEL_A, MODEL_B, FINETUNE):
    owner.create_repo(repo)
owner.upload_file(path_or_fileobj=result(70.0, "2026-01-10", "greedy", ("https://example.org/logs/a", "Logs")), path_in_repo=".eval_results/py-bench.yaml", repo_id=MODEL_A)
owner.upload_file(path_or_fileobj=result(60.0, "2026-01-11"), path_in_repo=".eval_results/py-bench.yaml", repo_id=MODEL_B)
owner.upload_file(path_or_fileobj=b"---\nbase_model: " + MODEL_A.encode() + b"\n---\n# A fine-tune\n", path_in_repo="README.md", repo_id=FINETUNE)
owner.upload_file(path_or_fileobj=result(90.0, "2026-01-12"), path_in_repo=".eval_results/py-bench.yaml", repo_id=FINETUNE)

out["initial"] = board()
out["all_models"] = [[e["model_id"], e["value"]] for e in board(base_model_only=False)]
out["base_only_explicit"] = [[e["model_id"], e["value"]] for e in board(base_model_only=True)]
out["evals_a"] = evals(MODEL_A)
out["official_before"] = [d.id for d in owner.list_datasets(benchmark=True)]
flagged = get_session().put(f"{endpoint}/api/datasets/{BENCH}/benchmark", headers={"authorization": f"Bearer {os.environ['ADMIN_TOKEN']}"}, json={"official": True})
flagged.raise_for_status()
out["official_after"] = [d.id for d in owner.list_datasets(benchmark=True)]
out["official_str"] = [d.id for d in owner.list_datasets(benchmark="official")]

# A community score, opened as a pull request: on the leaderboard in the very next request, labelled.
pr1 = contrib.upload_file(path_or_fileobj=result(80.0, "2026-02-01", "community run"), path_in_repo=".eval_results/community.yaml", repo_id=MODEL_B, create_pr=True, commit_message="Add a community score")
out["pr1"] = pr1.pr_num
out["with_pr1"] = board()
out["with_pr1_raw"] = raw_board()
out["evals_b_with_pr1"] = evals(MODEL_B)

# The owner closes it: gone.
closed = owner.change_discussion_status(MODEL_B, pr1.pr_num, "closed", comment="Not reproducible")
out["closed_status"] = closed.new_status
out["after_close"] = board()
out["evals_b_after_close"] = evals(MODEL_B)

# A second community score, merged: now a main result.
pr2 = contrib.upload_file(path_or_fileobj=result(75.0, "2026-02-02", "second run"), path_in_repo=".eval_results/community.yaml", repo_id=MODEL_B, create_pr=True, commit_message="Add another community score")
out["pr2"] = pr2.pr_num
out["with_pr2"] = board()
owner.merge_pull_request(MODEL_B, pr2.pr_num, comment="Thanks!")
out["after_merge"] = board()
out["after_merge_raw"] = raw_board()
out["evals_b_after_merge"] = evals(MODEL_B)

# Hidden by the owner (HTTP): off the leaderboard and out of model_info; unhidden: back.
listed = raw(f"/api/models/{MODEL_B}/eval-results")
merged = next(e for e in listed if e["filename"] == ".eval_results/community.yaml")
key = {"ref": merged["ref"], "filename": merged["filename"], "contentHash": merged["contentHash"]}
out["hide_key"] = {"ref": key["ref"], "filename": key["filename"]}
out["hidden_record"] = moderate("hide", MODEL_B, key, "Score could not be reproduced")
out["after_hide"] = board()
out["evals_b_after_hide"] = evals(MODEL_B)
out["unhidden_record"] = moderate("unhide", MODEL_B, key, "Reproduced after all")
out["after_unhide"] = board()
out["evals_b_after_unhide"] = evals(MODEL_B)
print(json.dumps(out))
