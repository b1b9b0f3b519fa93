#!/usr/bin/env python3
"""SSO101-SSO108 in plain Python: the benchmark's "plain script" peer (DESIGN.md section 6).

    python3 bench/peers/sso_checks.py PATH...

Walks the folders (hidden ones included), reads every `*.json` file the way exports are
written (BOM sniffing: UTF-8, UTF-8 with BOM, UTF-16LE/BE with BOM), parses it with the
standard `json` module, and runs the checks of SSO101-SSO108 on Graph template policies:
`#microsoft.graph.iosDeviceFeaturesConfiguration` (or the macOS twin) with an
`iosSingleSignOnExtension` (or `singleSignOnExtension` / `macOSSingleSignOnExtension`),
reading its `configurations[]` rows and `bundleIdAccessControlList` the way
crates/core/src/views/sso.rs does. One object per file, a root array, or a Graph page's
`value`. Prints `path: CODE message (at /json/pointer)` lines; exit 1 if anything is found.

What it does NOT do (it is a yardstick, not a product):
- no Settings Catalog policies, no `.mobileconfig` / plist, no YAML: Graph template JSON only;
- no positions (line/column), only JSON pointers; no fixes, no configuration file
  (no allowed or extra Microsoft bundle IDs), no severities, no output formats;
- no other rules (export integrity EXP9xx, tenant-wide rules, SSO109+): a file that does not
  parse gets one `ERROR` line, nothing more; UTF-16 without a BOM is read as UTF-8 and fails;
- truncation (PowerShell's `System.Object[]` markers) is recognised only where SSO104/105
  need it; near misses of a key (SSO111's job) only make SSO104/105 keep quiet, as in Rust.
"""

import json
import os
import sys

DR, BSSO = "device_registration", "browser_sso_interaction_enabled"
TOKEN = "{{DEVICEREGISTRATION}}"
AUTHENTICATOR = "com.microsoft.azureauthenticator"
ENTRA_IDS = ("com.microsoft.azureauthenticator.ssoextension", "com.microsoft.companyportalmac.ssoextension")
LIST_KEYS = ("AppAllowList", "AppPrefixAllowList", "AppBlockList", "AppCookieSSOAllowList")
DOCUMENTED = (DR, BSSO, "browser_sso_disable_mfa", "use_most_secure_storage", "disable_explicit_app_prompt",
              "disable_explicit_app_prompt_and_autologin", "disable_explicit_native_app_prompt",
              "disable_explicit_native_app_prompt_and_autologin", "disable_inapp_sso_signin",
              "Enable_SSO_On_All_ManagedApps", "admin_debug_mode_enabled") + LIST_KEYS
PAIR_TYPES = {"keystringvaluepair": "String", "keyintegervaluepair": "Integer", "keybooleanvaluepair": "Boolean"}
SSO_PROPS = ("iosSingleSignOnExtension", "singleSignOnExtension", "macOSSingleSignOnExtension")


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8")
    if data[:2] == b"\xff\xfe":
        return data[2:].decode("utf-16-le")
    if data[:2] == b"\xfe\xff":
        return data[2:].decode("utf-16-be")
    return data.decode("utf-8")


def odata(node):
    t = node.get("@odata.type") if isinstance(node, dict) else None
    if not isinstance(t, str):
        return ""
    t = t.strip().lstrip("#").lower()
    return t[16:] if t.startswith("microsoft.graph.") else t


def is_marker(v):  # what ConvertTo-Json leaves where its depth limit cut an object off
    s = v.strip() if isinstance(v, str) else None
    return s is not None and (s in ("System.Collections.Hashtable", "System.Object[]", "System.Management.Automation.PSCustomObject",
                                    "System.Collections.Specialized.OrderedDictionary")
                              or (s.startswith("@{") and s.endswith("}") and "=" in s))


def distance(a, b):  # optimal string alignment
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def intended(key):  # the documented key `key` is a near miss of (SSO111), as in sso111_key_typo.rs
    if not key or key in DOCUMENTED:
        return None
    squash = lambda s: "".join(c for c in s if c not in "_- ").lower()
    for k in DOCUMENTED:
        if squash(k) == squash(key):
            return k
    near = [(distance(key.lower(), k.lower()), k) for k in DOCUMENTED]
    near = [(d, k) for d, k in near if d <= (2 if len(k) >= 12 else 1)]
    return min(near)[1] if near else None


def check_extension(ext, ptr, platform, out):
    ext_type = odata(ext)
    ext_id = ext.get("extensionIdentifier")
    entra = ext_type.endswith("azureadsinglesignonextension") or (
        isinstance(ext_id, str) and ext_id.strip().lower() in ENTRA_IDS)
    configs, acl = ext.get("configurations"), ext.get("bundleIdAccessControlList")
    truncated = is_marker(configs) or is_marker(acl)
    entries = []  # (key, declared type, value or None, pointer, has @odata.type)
    for i, row in enumerate(configs if isinstance(configs, list) else []):
        truncated |= is_marker(row)
        if isinstance(row, dict) and isinstance(row.get("key"), str):
            value = row.get("value")
            declared = PAIR_TYPES.get(odata(row)) or (odata(row) if "@odata.type" in row else (
                "Boolean" if isinstance(value, bool) else "Integer" if isinstance(value, int)
                else "String" if isinstance(value, str) else "untyped"))
            entries.append((row["key"], declared, value, f"{ptr}/configurations/{i}", "@odata.type" in row))
    bundle_ids = [(b, f"{ptr}/bundleIdAccessControlList/{i}")
                  for i, b in enumerate(acl if isinstance(acl, list) else []) if isinstance(b, str)]
    for key, _, value, p, _ in entries:
        if key.strip() == "AppAllowList" and isinstance(value, str):
            bundle_ids += [(item.strip(), f"{p}/value") for item in value.split(",") if item.strip()]

    for key, declared, value, p, typed in entries:
        k = key.strip()
        if k in (DR, BSSO):
            if key != k:
                out.append(("SSO101", f"key `{k}` has leading or trailing whitespace", f"{p}/key"))
            if isinstance(value, str) and value.strip() != value:
                out.append(("SSO101", f"value of `{k}` has leading or trailing whitespace", f"{p}/value"))
        if k == DR and declared == "String" and isinstance(value, str) and value.strip() != TOKEN:
            out.append(("SSO102", f"`{DR}` is `{value.strip()}`, not `{TOKEN}`", f"{p}/value"))
        if k == DR and declared != "String":
            out.append(("SSO103", f"`{DR}` is typed {declared}; it must be a String", f"{p}/@odata.type" if typed else p))
        if k == BSSO and not (declared == "Integer" and type(value) is int and value == 1):
            out.append(("SSO106", f"`{BSSO}` is the {declared} {json.dumps(value)}; it should be the Integer 1", f"{p}/value"))
    keys = [e[0].strip() for e in entries]
    present = lambda want: any(k == want or intended(k) == want for k in keys)
    if entra and not truncated and platform == "ios" and not present(DR):
        out.append(("SSO104", f"the iOS/iPadOS Entra SSO extension has no `{DR}` key", ptr))
    if entra and not truncated and not present(BSSO):
        out.append(("SSO105", f"the Entra SSO extension has no `{BSSO}` key", ptr))
    for b, p in bundle_ids if entra else []:
        lower = b.strip().lower()
        if lower == AUTHENTICATOR:
            out.append(("SSO108", f"Microsoft Authenticator (`{b.strip()}`) is in the bundle ID list", p))
        elif lower.startswith("com.microsoft."):
            out.append(("SSO107", f"Microsoft app `{b.strip()}` is in the bundle ID list", p))


def check_object(obj, ptr, out):
    t = odata(obj)
    if t not in ("iosdevicefeaturesconfiguration", "macosdevicefeaturesconfiguration") and not (
            "iosSingleSignOnExtension" in obj or "macOSSingleSignOnExtension" in obj):
        return
    for prop in SSO_PROPS:
        ext = obj.get(prop)
        if isinstance(ext, dict):
            ext_type = odata(ext)
            platform = ("macos" if prop == "macOSSingleSignOnExtension" or ext_type.startswith("macos") else
                        "ios" if prop == "iosSingleSignOnExtension" or ext_type.startswith("ios") else
                        "macos" if t.startswith("macos") else "ios" if t.startswith("ios") else None)
            check_extension(ext, f"{ptr}/{prop}", platform, out)
        elif is_marker(ext):
            pass  # truncated: SSO104/105 stay silent, nothing else to read


def check_file(path):
    try:
        root = json.loads(read(path))
    except (ValueError, UnicodeDecodeError) as e:
        print(f"{path}: ERROR cannot parse: {e}")
        return 1
    if isinstance(root, dict) and isinstance(root.get("value"), list) and all(
            k == "value" or k.startswith("@odata.") for k in root):
        objects = [(o, f"/value/{i}") for i, o in enumerate(root["value"])]
    elif isinstance(root, list):
        objects = [(o, f"/{i}") for i, o in enumerate(root)]
    else:
        objects = [(root, "")]
    out = []
    for obj, ptr in objects:
        if isinstance(obj, dict):
            check_object(obj, ptr, out)
    for code, message, ptr in out:
        print(f"{path}: {code} {message} (at {ptr or '/'})")
    return len(out)


def main(args):
    found = 0
    for arg in args or ["."]:
        if os.path.isfile(arg):
            found += check_file(arg)
        for top, dirs, files in os.walk(arg):
            dirs.sort()
            for name in sorted(files):
                if name.lower().endswith(".json"):
                    found += check_file(os.path.join(top, name))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
