"""Drives huggingface_hub against an evalhub endpoint and prints what it saw as one JSON object.

Run with HF_ENDPOINT and HF_TOKEN set; argv[1] is a scratch folder.
"""
import json
import os
import sys
from pathlib import Path

from huggingface_hub import HfApi, hf_hub_download

scratch = Path(sys.argv[1])
api = HfApi(endpoint=os.environ["HF_ENDPOINT"], token=os.environ["HF_TOKEN"])
me = api.whoami()["name"]
repo_id = f"{me}/py-model"
out = {}

out["created"] = str(api.create_repo(repo_id))
out["created_again"] = str(api.create_repo(repo_id, exist_ok=True))

out["upload_file"] = api.upload_file(
    path_or_fileobj=b"- dataset:\n    id: Idavidrein/gpqa\n    task_id: diamond\n  value: 0.412\n",
    path_in_repo=".eval_results/gpqa.yaml",
    repo_id=repo_id,
    commit_message="Add GPQA result",
).oid

folder = scratch / "folder"
(folder / "logs").mkdir(parents=True)
(folder / "README.md").write_text("---\nlicense: apache-2.0\nbase_model: org/base\n---\n# Py model\n")
(folder / "logs" / "run.json").write_text('{"ok": true}\n')
api.upload_folder(folder_path=str(folder), repo_id=repo_id, commit_message="Add folder")

out["files"] = sorted(api.list_repo_files(repo_id))
path = hf_hub_download(repo_id=repo_id, filename=".eval_results/gpqa.yaml", endpoint=os.environ["HF_ENDPOINT"], cache_dir=str(scratch / "cache"))
out["downloaded"] = Path(path).read_text()
out["commits"] = [c.title for c in api.list_repo_commits(repo_id)]
info = api.model_info(repo_id)
out["info"] = {"id": info.id, "sha_len": len(info.sha or ""), "private": info.private, "siblings": sorted(s.rfilename for s in info.siblings or []), "card": info.card_data.to_dict() if info.card_data else None}
out["listed"] = [m.id for m in api.list_models(author=me)]
print(json.dumps(out))
