"""A WebDataset-style reader on the standard library: groups each tar's members by key
(the name up to its first dot), as webdataset's tar_file_expander + group_by_keys do, and
prints one JSON object: key -> {"exts", "json", "cls", "sha256", "header"} per sample."""
import collections, hashlib, json, sys, tarfile

samples = collections.OrderedDict()
for path in sys.argv[1:]:
    with tarfile.open(path, "r:") as tar:
        for member in tar:
            key, ext = member.name.split(".", 1)
            data = tar.extractfile(member).read()
            sample = samples.setdefault(key, {"exts": [], "header": []})
            sample["exts"].append(ext)
            sample["header"].append([member.mtime, member.uid, member.gid, member.mode, member.uname, member.gname, member.type.decode()])
            if ext == "json":
                sample["json"] = json.loads(data)
            elif ext == "cls":
                sample["cls"] = int(data.decode())
            else:
                sample["sha256"] = hashlib.sha256(data).hexdigest()
                sample["bytes"] = len(data)
print(json.dumps(samples))
