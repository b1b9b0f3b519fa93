#!/usr/bin/env python3
"""Writes a synthetic MSP export for the benchmark: one folder per tenant, about FILES files.

    python3 bench/gen_export.py OUT_DIR FILES [--seed N] [--tenant-files N]

`--tenant-files FILES` writes one big tenant (the growth benchmark of a single tenant).

Never committed: bench/run.sh writes it under target/ (or /tmp). Python 3 stdlib only,
deterministic for a given seed and size.

Each tenant folder is written the way one export tool writes it (see
../shared/reference/export-layouts.md):

* IntuneManagement: one folder per object type, one object per file, OData full-metadata
  annotations; Windows PowerShell 5.1 `ConvertTo-Json | Out-File` (UTF-16LE with BOM, CRLF,
  `"key":  value`, hanging indentation, `'<>&` escaped) for most files, PowerShell 7
  (UTF-8, two-space indentation) for the apps and Settings Catalog;
* IntuneCD: `Device Configurations/`, `Settings Catalog/`, `Applications/iOS/` ...,
  `json.dump(indent=5)` or YAML, assignments enriched with groupName / groupType /
  membershipRule;
* raw Graph pages: minified collection pages (`{"@odata.context", "value": [...]}`).

Objects: Entra SSO policies (Graph template, Settings Catalog, and custom profiles whose
base64 `.mobileconfig` is also written decoded beside them, as IntuneCD and IntuneManagement
do, or in `Profiles/` next to raw pages), Settings Catalog Windows policies (large), device
restrictions, compliance, iOS apps (some with large base64 icons), app configuration and
protection policies, groups, PowerShell scripts (base64). As in a real tenant, each SSO
profile goes to a group no other SSO profile targets (one Entra SSO policy per group of
users), Microsoft Authenticator is required for those groups and an iOS compliance policy is
assigned: only planted SSO conflicts share a domain.

Planted problems, a few percent of the objects, with their ground truth written to
OUT_DIR/../<name>.truth.tsv (path, code; one line per expected finding). The planted codes
(PLANTED) are rules that look at one object (or one group): SSO101, SSO102, SSO106, SSO107,
SSO108, ASG401, EXP901, EXP903; and SSO115/SSO122, conflicts between SSO profiles, each on a
domain of its own (see plant_sso_conflicts), found in the file intune-lint reads later.
Every other object is clean for those codes.
"""

import argparse
import base64
import json
import os
import plistlib
import random
import sys
import uuid
from pathlib import Path

GRAPH = "https://graph.microsoft.com/beta"
META = GRAPH + "/$metadata#"
SC = "#microsoft.graph.deviceManagementConfiguration"
ESSO = "com.apple.extensiblesso"
ENTRA_URLS = [
    "https://login.microsoftonline.com",
    "https://login.microsoft.com",
    "https://sts.windows.net",
]
PLANTED = ("SSO101", "SSO102", "SSO106", "SSO107", "SSO108", "SSO115", "SSO122", "ASG401", "EXP901", "EXP903")

# --------------------------------------------------------------------------------------
# Serializers: the three JSON styles the tools write, and IntuneCD's YAML.
# --------------------------------------------------------------------------------------

PS51_ESCAPES = {"'": "\\u0027", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def ps51_string(s):
    t = json.dumps(s, ensure_ascii=False)
    if any(c in t for c in "'<>&"):
        t = "".join(PS51_ESCAPES.get(c, c) for c in t)
    return t


def ps51_scalar(v):
    if isinstance(v, str):
        return ps51_string(v)
    return json.dumps(v)


def ps51(obj):
    """Windows PowerShell 5.1 ConvertTo-Json: hanging indentation, `"key":  value`, CRLF."""
    out = []

    def value(v, col):
        if not isinstance(v, (dict, list)):
            out.append(ps51_scalar(v))
            return
        opening, closing = ("{", "}") if isinstance(v, dict) else ("[", "]")
        out.append(opening + "\r\n")
        inner = col + 4
        pad = " " * inner
        items = v.items() if isinstance(v, dict) else ((None, x) for x in v)
        first = True
        for k, item in items:
            if not first:
                out.append(",\r\n")
            first = False
            out.append(pad)
            if k is None:
                value(item, inner)
            else:
                head = ps51_string(k) + ":  "
                out.append(head)
                value(item, inner + len(head))
        out.append("\r\n" + " " * col + closing)

    value(obj, 0)
    out.append("\r\n")
    return "".join(out)


def ps7(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False).replace("\n", "\r\n") + "\r\n"


def minified(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def intunecd_json(obj):
    return json.dumps(obj, indent=5)


def yaml_dump(obj):
    """Block-style YAML like `yaml.dump(default_flow_style=False)`; strings double-quoted."""
    out = []

    def scalar(v):
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return json.dumps(v)
        return json.dumps(v)

    def emit(v, indent):
        pad = " " * indent
        if isinstance(v, dict):
            for k, item in v.items():
                key = json.dumps(k)
                if isinstance(item, (dict, list)) and item:
                    out.append(f"{pad}{key}:\n")
                    emit(item, indent + 2)
                elif isinstance(item, dict):
                    out.append(f"{pad}{key}: {{}}\n")
                elif isinstance(item, list):
                    out.append(f"{pad}{key}: []\n")
                else:
                    out.append(f"{pad}{key}: {scalar(item)}\n")
        else:
            for item in v:
                if isinstance(item, dict) and item:
                    out.append(f"{pad}-\n")
                    emit(item, indent + 2)
                elif isinstance(item, list) and item:
                    out.append(f"{pad}-\n")
                    emit(item, indent + 2)
                else:
                    out.append(f"{pad}- {scalar(item) if not isinstance(item, (dict, list)) else json.dumps(item)}\n")

    emit(obj, 0)
    return "".join(out)


def utf16(text):
    return b"\xff\xfe" + text.encode("utf-16-le")


def utf8(text):
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------
# Objects
# --------------------------------------------------------------------------------------


class Tenant:
    def __init__(self, rng, index, layout):
        self.rng = rng
        self.index = index
        self.layout = layout  # "im", "cd", "raw"
        self.name = f"Tenant {index:05d}"
        self.org = rng.choice(["Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware"])
        self.groups = []  # (id, name, rule)
        self.sso_free = []  # user and static groups no SSO profile targets yet
        self.new_groups = []  # groups made for SSO profiles, written after the others
        self.sso_targets = []  # every group an SSO profile targets (Authenticator is required there)
        self.planted = 0  # planted SSO conflicts so far: each gets its own domain

    def guid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def q(s):
    return "('" + s + "')"


def annotate(obj, full):
    """IntuneManagement's full metadata, or none (IntuneCD strips, raw pages are minimal)."""
    return obj if full else {k: v for k, v in obj.items() if "@odata." not in k or k == "@odata.type"}


def target(t, gid, exclude=False):
    g = next(g for g in t.groups if g[0] == gid)
    tg = {
        "@odata.type": "#microsoft.graph." + ("exclusionGroupAssignmentTarget" if exclude else "groupAssignmentTarget"),
        "deviceAndAppManagementAssignmentFilterId": None,
        "deviceAndAppManagementAssignmentFilterType": "none",
    }
    if t.layout == "cd":
        tg["groupName"] = g[1]
        tg["groupType"] = "DynamicMembership" if g[2] else "StaticMembership"
        if g[2]:
            tg["membershipRule"] = g[2]
    else:
        tg["groupId"] = gid
    return tg


def assignments(t, pid, groups, intent=None, sourced=True):
    out = []
    for gid in groups:
        a = {"id": pid + "_" + gid, "target": target(t, gid)}
        if sourced:  # `source`/`sourceId` exist only on some assignment types in Graph beta
            a = {"id": a["id"], "source": "direct", "sourceId": pid, "target": a["target"]}
        if intent:
            a = {"@odata.type": "#microsoft.graph.mobileAppAssignment", "intent": intent, **a, "settings": None}
        if t.layout == "cd":
            a = {k: v for k, v in a.items() if k not in ("id", "sourceId")}
        out.append(a)
    return out


def base_object(t, odata_type, pid, name, collection, extra, groups, name_key="displayName"):
    path = collection + q(pid)
    obj = {
        "@odata.context": META + collection + "(assignments())/$entity",
        "@odata.type": "#microsoft.graph." + odata_type,
        "@odata.id": path,
        "@odata.editLink": path + "/microsoft.graph." + odata_type,
        "id": pid,
        "lastModifiedDateTime@odata.type": "#DateTimeOffset",
        "lastModifiedDateTime": "2025-03-04T15:02:51.1184730Z",
        "roleScopeTagIds@odata.type": "#Collection(String)",
        "roleScopeTagIds": ["0"],
        "createdDateTime": "2025-01-20T09:41:12.4420187Z",
        "description": f"{name} for {t.org} <{t.name}> & partners' devices.",
        name_key: name,
    }
    # Only the types whose Graph definition has `version` carry it (as a number or a string).
    if collection.startswith(("deviceManagement/deviceConfigurations", "deviceManagement/deviceCompliancePolicies",
                              "deviceAppManagement/mobileAppConfigurations")):
        obj["version"] = t.rng.randint(1, 9)
    elif collection.startswith("deviceAppManagement/iosManagedAppProtections"):
        obj["version"] = str(t.rng.randint(1, 9))
    obj.update(extra)
    obj["assignments@odata.context"] = META + path + "/assignments"
    sourced = not collection.startswith(("deviceAppManagement/mobileAppConfigurations",
                                         "deviceManagement/deviceManagementScripts"))
    obj["assignments"] = assignments(t, pid, groups, sourced=sourced) if not isinstance(groups, tuple) else groups[0]
    obj["#microsoft.graph.assign"] = {"title": "microsoft.graph.assign", "target": GRAPH + "/" + path + "/microsoft.graph.assign"}
    return annotate(obj, t.layout == "im")


def pick_groups(t, n=1):
    return [g[0] for g in t.rng.sample(t.groups, min(n, len(t.groups)))]


def user_groups(t):
    return [g[0] for g in t.groups if g[2] and g[2].startswith("(user.")] or [t.groups[0][0]]


def sso_group(t):
    """A group no other SSO profile targets (a user or static one, else a new user group): a
    real tenant has one Entra SSO policy per group of users (per ring or department), so two
    SSO profiles never meet unless a conflict is planted."""
    if t.sso_free:
        gid = t.sso_free.pop(0)
    else:
        gid = t.guid()
        k = len(t.new_groups)
        g = (gid, f"{t.org} - SSO Users {k:03d}", '(user.department -eq "SSO Ring %d")' % k)
        t.groups.append(g)
        t.new_groups.append(g)
    t.sso_targets.append(gid)
    return gid


def sso_template(t, plant):
    rng = t.rng
    acl = ["com.contoso.expenses", f"com.{t.org.lower()}.app{rng.randint(1, 99)}"]
    key = "device_registration"
    if "SSO107" in plant:
        acl.append("com.microsoft.skype.teams")
    if "SSO101" in plant:
        key = "device_registration "
    ext = {
        "@odata.type": "#microsoft.graph.iosAzureAdSingleSignOnExtension",
        "enableSharedDeviceMode": False,
        "bundleIdAccessControlList@odata.type": "#Collection(String)",
        "bundleIdAccessControlList": acl,
        "configurations@odata.type": "#Collection(microsoft.graph.keyTypedValuePair)",
        "configurations": [
            {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": key, "value": "{{DEVICEREGISTRATION}}"},
            {"@odata.type": "#microsoft.graph.keyIntegerValuePair", "key": "browser_sso_interaction_enabled", "value": 1},
            {"@odata.type": "#microsoft.graph.keyIntegerValuePair", "key": "disable_explicit_app_prompt", "value": 1},
            {"@odata.type": "#microsoft.graph.keyStringValuePair", "key": "AppPrefixAllowList", "value": "com.microsoft.,com.apple."},
        ],
    }
    extra = device_features(ext)
    pid = t.guid()
    return base_object(t, "iosDeviceFeaturesConfiguration", pid, f"iOS - Entra SSO - {t.org} {rng.randint(1, 999)}",
                       "deviceManagement/deviceConfigurations", extra, [sso_group(t)])


def device_features(ext):
    """The members of an `iosDeviceFeaturesConfiguration` besides the common ones, carrying
    the SSO extension `ext`."""
    return {
        "airPrintDestinations": [],
        "homeScreenDockIcons": [],
        "homeScreenPages": [],
        "singleSignOnSettings": None,
        "wallpaperImage": None,
        "singleSignOnExtension": None,
        "iosSingleSignOnExtension": ext,
    }


def redirect_template(t, name, url, targets):
    """A third-party Redirect extension (the planted SSO115/SSO122 conflicts): its domain is
    the conflict's own, so the expected pair is the only one sharing it. `targets` is
    [(group id, excluded)]."""
    ext = {
        "@odata.type": "#microsoft.graph.iosRedirectSingleSignOnExtension",
        "extensionIdentifier": f"com.{t.org.lower()}.sso.extension",
        "teamIdentifier": "ABCDE12345",
        "configurations@odata.type": "#Collection(microsoft.graph.keyTypedValuePair)",
        "configurations": [],
        "urlPrefixes@odata.type": "#Collection(String)",
        "urlPrefixes": [url],
    }
    extra = device_features(ext)
    pid = t.guid()
    return base_object(t, "iosDeviceFeaturesConfiguration", pid, name, "deviceManagement/deviceConfigurations", extra,
                       (targeted(t, pid, targets),))


def targeted(t, pid, targets):
    """Assignments to [(group id, excluded)]."""
    out = []
    for gid, excluded in targets:
        a = {"id": pid + "_" + gid, "source": "direct", "sourceId": pid, "target": target(t, gid, excluded)}
        if t.layout == "cd":
            a = {k: v for k, v in a.items() if k not in ("id", "sourceId")}
        out.append(a)
    return out


def sc_simple(def_id, value, kind="String"):
    return {
        "@odata.type": SC + "SimpleSettingInstance",
        "settingDefinitionId": def_id,
        "settingInstanceTemplateReference": None,
        "simpleSettingValue": {"@odata.type": SC + kind + "SettingValue", "settingValueTemplateReference": None, "value": value},
    }


def sc_choice(def_id, value, children=()):
    return {
        "@odata.type": SC + "ChoiceSettingInstance",
        "settingDefinitionId": def_id,
        "settingInstanceTemplateReference": None,
        "choiceSettingValue": {"@odata.type": SC + "ChoiceSettingValue", "settingValueTemplateReference": None,
                               "value": value, "children": list(children)},
    }


def sc_group(def_id, values):
    return {
        "@odata.type": SC + "GroupSettingCollectionInstance",
        "settingDefinitionId": def_id,
        "settingInstanceTemplateReference": None,
        "groupSettingCollectionValue": [{"@odata.type": SC + "GroupSettingValue", "settingValueTemplateReference": None,
                                         "children": v} for v in values],
    }


def esso_entry(key, kind, value):
    if kind == "string":
        typed = sc_choice(ESSO + "_ignored_$typepicker", ESSO + "_ignored_0", [sc_simple(ESSO + "_extensiondata_generickey_string", value)])
    else:
        typed = sc_choice(ESSO + "_ignored_$typepicker", ESSO + "_ignored_1", [sc_simple(ESSO + "_extensiondata_generickey_integer", value, "Integer")])
    return [sc_simple(ESSO + "_extensiondata_generickey_keytobereplaced", key), typed]


def sc_policy(t, name, platforms, instances, groups, pid=None):
    pid = pid or t.guid()
    settings = [{"@odata.type": SC + "Setting", "id": str(i), "settingInstance": s} for i, s in enumerate(instances)]
    extra = {
        "platforms": platforms,
        "technologies": "mdm",
        "settingCount": len(settings),
        "templateReference": {"templateId": "", "templateFamily": "none", "templateDisplayName": None},
        "settings": settings,
    }
    return base_object(t, "deviceManagementConfigurationPolicy", pid, name, "deviceManagement/configurationPolicies",
                       extra, groups, name_key="name")


def sc_sso(t, plant):
    bsso = ("string", "1") if "SSO106" in plant else ("integer", 1)
    data = [
        esso_entry("AppPrefixAllowList", "string", "com.microsoft.,com.apple."),
        esso_entry("browser_sso_interaction_enabled", *bsso),
        esso_entry("device_registration", "string", "{{DEVICEREGISTRATION}}"),
        esso_entry("disable_explicit_app_prompt", "integer", 1),
    ]
    root = sc_group(ESSO + "_com.apple.extensiblesso", [[
        sc_group(ESSO + "_extensiondata", data),
        sc_simple(ESSO + "_extensionidentifier", "com.microsoft.azureauthenticator.ssoextension"),
        sc_choice(ESSO + "_type", ESSO + "_type_1"),
        {"@odata.type": SC + "SimpleSettingCollectionInstance", "settingDefinitionId": ESSO + "_urls",
         "simpleSettingCollectionValue": [{"@odata.type": SC + "StringSettingValue", "value": u}
                                          for u in ENTRA_URLS]},
    ]])
    return sc_policy(t, f"iOS - SC - Enterprise SSO - {t.org} {t.rng.randint(1, 999)}", "iOS", [root], [sso_group(t)])


def sc_redirect(t, name, url, targets):
    """The Settings Catalog form of redirect_template."""
    pid = t.guid()
    root = sc_group(ESSO + "_com.apple.extensiblesso", [[
        sc_simple(ESSO + "_extensionidentifier", f"com.{t.org.lower()}.sso.extension"),
        sc_simple(ESSO + "_teamidentifier", "ABCDE12345"),
        sc_choice(ESSO + "_type", ESSO + "_type_1"),
        {"@odata.type": SC + "SimpleSettingCollectionInstance", "settingDefinitionId": ESSO + "_urls",
         "simpleSettingCollectionValue": [{"@odata.type": SC + "StringSettingValue", "value": url}]},
    ]])
    return sc_policy(t, name, "iOS", [root], (targeted(t, pid, targets),), pid=pid)


def sc_windows(t):
    rng = t.rng
    prefix = rng.choice(["device_vendor_msft_policy_config_defender_", "device_vendor_msft_bitlocker_",
                         "device_vendor_msft_policy_config_edge~policy~microsoft_edge_"])
    instances = []
    for i in range(rng.randint(5, 30)):
        d = f"{prefix}setting{i}"
        if rng.random() < 0.5:
            instances.append(sc_choice(d, d + "_1", [sc_simple(d + "_text", f"value {rng.randint(0, 1 << 30)}")] if rng.random() < 0.3 else []))
        else:
            instances.append(sc_simple(d, rng.randint(0, 1000), "Integer"))
    return sc_policy(t, f"Win - SC - {prefix.split('_')[-2]} - {rng.randint(1, 9999)}", "windows10", instances, pick_groups(t, 2))


IOS_BLOCKED = ['airDropBlocked', 'airPrintBlocked', 'appClipsBlocked', 'appleNewsBlocked', 'applePersonalizedAdsBlocked',
               'appRemovalBlocked', 'appStoreBlocked', 'autoUnlockBlocked', 'cameraBlocked', 'definitionLookupBlocked',
               'faceTimeBlocked', 'findMyFriendsBlocked', 'gameCenterBlocked', 'hostPairingBlocked', 'iBooksStoreBlocked',
               'iTunesBlocked', 'messagesBlocked', 'nfcBlocked', 'podcastsBlocked', 'screenCaptureBlocked', 'siriBlocked']
WIN_BLOCKED = ['bluetoothBlocked', 'cameraBlocked', 'connectedDevicesServiceBlocked', 'copyPasteBlocked', 'cortanaBlocked',
               'edgeBlocked', 'gameDvrBlocked', 'internetSharingBlocked', 'locationServicesBlocked', 'microsoftAccountBlocked',
               'nfcBlocked', 'screenCaptureBlocked', 'usbBlocked', 'voiceRecordingBlocked', 'wiFiBlocked', 'windowsStoreBlocked']


def device_restrictions(t):
    rng = t.rng
    ios = rng.random() < 0.5
    # Real members of each type (Graph beta), so GRF60x judges the generator, not invented names.
    names = IOS_BLOCKED if ios else WIN_BLOCKED
    extra = {n: rng.random() < 0.5 for n in rng.sample(names, rng.randint(len(names) // 3, len(names)))}
    if ios:
        extra["passcodeMinimumLength"] = rng.randint(4, 12)
    else:
        extra["passwordMinimumLength"] = rng.randint(4, 12)
    kind = "iosGeneralDeviceConfiguration" if ios else "windows10GeneralConfiguration"
    return base_object(t, kind, t.guid(), f"{'iOS' if ios else 'Win'} - Restrictions - {rng.randint(1, 9999)}",
                       "deviceManagement/deviceConfigurations", extra, pick_groups(t, 2))


def compliance(t, ios=None):
    rng = t.rng
    ios = rng.random() < 0.5 if ios is None else ios
    extra = {"passcodeRequired" if ios else "passwordRequired": True, "osMinimumVersion": f"{rng.randint(15, 18)}.0",
             "scheduledActionsForRule": [{"ruleName": "PasswordRequired", "scheduledActionConfigurations": [
                 {"actionType": "block", "gracePeriodHours": 0, "notificationTemplateId": "", "notificationMessageCCList": []}]}]}
    kind = "iosCompliancePolicy" if ios else "windows10CompliancePolicy"
    return base_object(t, kind, t.guid(), f"{'iOS' if ios else 'Win'} - Compliance - {rng.randint(1, 9999)}",
                       "deviceManagement/deviceCompliancePolicies", extra, pick_groups(t, 1))


def icon(rng, size):
    # Incompressible-looking bytes behind a PNG signature; base64 as Graph returns it.
    raw = b"\x89PNG\r\n\x1a\n" + rng.randbytes(size)
    return {"@odata.type": "#microsoft.graph.mimeContent", "type": "image/png", "value": base64.b64encode(raw).decode()}


def app(t, name, bundle, intent, big_icon):
    rng = t.rng
    pid = t.guid()
    extra = {
        "publisher": "Microsoft Corporation" if bundle.startswith("com.microsoft") else t.org,
        "largeIcon": icon(rng, rng.randint(20_000, 80_000)) if big_icon else None,
        "isFeatured": False,
        "bundleId": bundle,
        "appStoreUrl": f"https://apps.apple.com/us/app/id{rng.randint(10**8, 10**9)}",
        "applicableDeviceType": {"iPad": True, "iPhoneAndIPod": True},
        "minimumSupportedOperatingSystem": {f"v{v}_0": v == 15 for v in range(8, 19)},
    }
    obj = base_object(t, "iosStoreApp", pid, name, "deviceAppManagement/mobileApps", extra, ([],))
    # A few user groups (all of a 100-file tenant's): not every group of one big tenant.
    obj["assignments"] = assignments(t, pid, user_groups(t)[:4] if intent == "required" else pick_groups(t, 1), intent)
    return obj


def app_config(t):
    rng = t.rng
    extra = {
        "targetedMobileApps": [t.guid()],
        "settings": [{"appConfigKey": "IntuneMAMUPN", "appConfigKeyType": "stringType", "appConfigKeyValue": "{{userprincipalname}}"},
                     {"appConfigKey": f"Key{rng.randint(1, 99)}", "appConfigKeyType": "booleanType", "appConfigKeyValue": "true"}],
    }
    return base_object(t, "iosMobileAppConfiguration", t.guid(), f"iOS - ACP - {rng.randint(1, 9999)}",
                       "deviceAppManagement/mobileAppConfigurations", extra, pick_groups(t, 1))


def app_protection(t):
    rng = t.rng
    extra = {
        "targetedAppManagementLevels": "unspecified",
        "appGroupType": "selectedPublicApps",
        "apps": [{"id": f"com.{t.org.lower()}.app{i}.ios", "mobileAppIdentifier": {
            "@odata.type": "#microsoft.graph.iosMobileAppIdentifier", "bundleId": f"com.{t.org.lower()}.app{i}"}}
            for i in range(rng.randint(1, 8))],
    }
    return base_object(t, "iosManagedAppProtection", "T_" + t.guid(), f"iOS - APP - {rng.randint(1, 9999)}",
                       "deviceAppManagement/iosManagedAppProtections", extra, pick_groups(t, 1))


def script(t):
    rng = t.rng
    body = "\r\n".join(f"Write-Output 'step {i}: {rng.getrandbits(64):x}'" for i in range(rng.randint(50, 600)))
    extra = {"runAsAccount": "system", "fileName": f"script{rng.randint(1, 999)}.ps1",
             "scriptContent": base64.b64encode(body.encode()).decode()}
    return base_object(t, "deviceManagementScript", t.guid(), f"Script - {rng.randint(1, 9999)}",
                       "deviceManagement/deviceManagementScripts", extra, pick_groups(t, 1))


def group_obj(t, gid, name, rule):
    obj = {
        "id": gid, "deletedDateTime": None, "createdDateTime": "2024-09-01T10:02:11Z", "creationOptions": [],
        "description": f"{name} ({t.org})", "displayName": name,
        "groupTypes": ["DynamicMembership"] if rule else [], "mailEnabled": False,
        "mailNickname": name.replace(" ", ""), "membershipRule": rule,
        "membershipRuleProcessingState": "On" if rule else None, "proxyAddresses": [],
        "securityEnabled": True, "visibility": None,
    }
    return obj


def entra_payload(t, plant):
    payload_uuid = t.guid().upper()
    allow = "com.contoso.expenses" + (",com.microsoft.azureauthenticator" if "SSO108" in plant else "")
    return {
        "ExtensionData": {
            "AppAllowList": allow,
            "browser_sso_interaction_enabled": 1,
            "device_registration": "{{deviceregistration}}" if "SSO102" in plant else "{{DEVICEREGISTRATION}}",
        },
        "ExtensionIdentifier": "com.microsoft.azureauthenticator.ssoextension",
        "PayloadDisplayName": "Single Sign-On Extensions",
        "PayloadIdentifier": "com.apple.extensiblesso." + payload_uuid,
        "PayloadType": "com.apple.extensiblesso",
        "PayloadUUID": payload_uuid,
        "PayloadVersion": 1,
        "Type": "Redirect",
        "URLs": ENTRA_URLS,
    }


def redirect_payload(t, url):
    payload_uuid = t.guid().upper()
    return {
        "ExtensionIdentifier": f"com.{t.org.lower()}.sso.extension",
        "PayloadDisplayName": "Single Sign-On Extensions",
        "PayloadIdentifier": "com.apple.extensiblesso." + payload_uuid,
        "PayloadType": "com.apple.extensiblesso",
        "PayloadUUID": payload_uuid,
        "PayloadVersion": 1,
        "TeamIdentifier": "ABCDE12345",
        "Type": "Redirect",
        "URLs": [url],
    }


def mobileconfig(t, payloads):
    profile_uuid = t.guid().upper()
    profile = {
        "PayloadContent": payloads, "PayloadDisplayName": f"{t.org} SSO", "PayloadIdentifier": "com.example.sso." + profile_uuid,
        "PayloadType": "Configuration", "PayloadUUID": profile_uuid, "PayloadVersion": 1,
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)


def custom_profile(t, plant):
    """An iOS custom configuration carrying an Entra SSO `.mobileconfig` (base64 `payload`),
    and the decoded copy IntuneCD and IntuneManagement write beside it (named by
    `payloadFileName`; the linter reads the copy as the same profile)."""
    data = mobileconfig(t, [entra_payload(t, plant)])
    fname = f"{t.org} SSO {t.rng.randint(1, 10**6)}.mobileconfig"
    extra = {"payloadName": f"{t.org} SSO", "payloadFileName": fname, "payload": base64.b64encode(data).decode()}
    obj = base_object(t, "iosCustomConfiguration", t.guid(), f"iOS - Custom - {t.org} SSO {t.rng.randint(1, 9999)}",
                      "deviceManagement/deviceConfigurations", extra, [sso_group(t)])
    return obj, fname, data


# --------------------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------------------

IM_FOLDER = {
    "deviceconfiguration": "DeviceConfiguration", "settingscatalog": "SettingsCatalog", "compliance": "CompliancePolicies",
    "app": "Applications", "appconfig": "AppConfigurationManagedDevice", "appprotection": "AppProtection",
    "script": "PowerShellScripts", "group": "Groups",
}
CD_FOLDER = {
    "deviceconfiguration": "Device Configurations", "settingscatalog": "Settings Catalog", "compliance": "Compliance Policies/Policies",
    "app": "Applications/iOS", "appconfig": "App Configuration", "appprotection": "App Protection",
    "script": "Scripts/Powershell", "group": "Groups",
}


def safe(name):
    return "".join("_" if c in '/\\:*?<>"|' else c for c in name)


class Writer:
    def __init__(self, root, budget):
        self.root = root
        self.budget = budget
        self.count = 0
        self.bytes = 0
        self.truth = []  # (path, code)

    def full(self):
        return self.count >= self.budget

    def write(self, rel, data, plant=()):
        p = self.root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        self.count += 1
        self.bytes += len(data)
        for code in plant:
            self.truth.append((rel, code))


def profile_path(w, base, rng):
    """A `.mobileconfig` name not yet written: a big tenant draws thousands of them."""
    while True:
        rel = base / "Profiles" / f"SSO {rng.randint(1, 10**6)}.mobileconfig"
        if not (w.root / rel).exists():
            return rel


def unique(w, rel, rng):
    """`rel`, or a numbered variant of it when a file of that name is already written."""
    if (w.root / rel).exists():
        rel = rel.with_name(rel.stem + f" ({rng.randint(1, 10**6)})" + rel.suffix)
    return rel


def plan(rng, rate):
    """Which planted codes an object gets (each independently, at `rate`)."""
    return lambda *codes: tuple(c for c in codes if rng.random() < rate)


def walk_key(rel):
    """The order intune-lint walks files in (Path::cmp: component by component, by bytes)."""
    return [part.encode() for part in rel.parts]


def plant_sso_conflicts(t, chances, rate, add):
    """SSO115/SSO122 conflicts, each on a domain of its own so that the planted pair is the
    only one sharing it; `add(entry)` returns the entry's index. Returns [(code, indices)]:
    one finding each, in the file of the profile intune-lint reads later."""
    rng = t.rng
    out = []
    for _ in range(chances):
        for kind in ("shared group", "unassigned", "exclusion", "two payloads"):
            if rng.random() >= rate:
                continue
            t.planted += 1
            url = f"https://login{t.planted}.{t.org.lower()}-{t.index:05d}.example"
            name = f"iOS - {t.org} SSO {t.planted:03d}"
            if kind == "two payloads":
                # Two payloads of one profile: installed together, whatever the assignments.
                data = mobileconfig(t, [redirect_payload(t, url), redirect_payload(t, url + "/adfs")])
                out.append(("SSO115", [add(("mobileconfig", None, data, ()))]))
                continue
            g = sso_group(t)
            first = redirect_template(t, name, url, [(g, False)])
            # The second policy: a Graph template or its Settings Catalog form.
            make, cat = rng.choice([(redirect_template, "deviceconfiguration"), (sc_redirect, "settingscatalog")])
            if kind == "shared group":
                # A copy of the policy for the same group; a path doesn't make the domain differ.
                other, code = make(t, name + " (copy)", url + "/adfs", [(g, False)]), "SSO115"
            elif kind == "exclusion":
                # The same group, less a pilot group: who is in it is not in the export.
                other, code = make(t, name + " (pilot)", url, [(g, False), (sso_group(t), True)]), "SSO122"
            else:
                # A profile kept beside the export, without assignments.
                other, code, cat = mobileconfig(t, [redirect_payload(t, url)]), "SSO122", "mobileconfig"
            out.append((code, [add(("deviceconfiguration", None, first, ())), add((cat, None, other, ()))]))
    return out


def write_tenant(w, t, files_wanted, rate):
    rng = t.rng
    maybe = plan(rng, rate)
    # Groups first: objects target them.
    n_groups = max(4, files_wanted // 10)
    truth_groups = []
    for i in range(n_groups):
        gid = t.guid()
        kind = i % 3
        rule = ['(user.department -eq "Sales%d")' % i, '(device.deviceOSType -eq "iPhone") -and (device.deviceOwnership -eq "Company")', None][kind]
        mixed = kind == 0 and maybe("ASG401")
        if mixed:
            rule = '(user.department -eq "Sales%d") -and (device.deviceOSType -eq "iPad")' % i
        elif kind != 1:  # user and assigned groups, not device groups
            t.sso_free.append(gid)
        name = f"{t.org} - Group {i:03d}"
        t.groups.append((gid, name, rule))
        truth_groups.append(mixed)

    # (category, name, object or bytes, planted codes); "copy" is the decoded .mobileconfig
    # of the custom profile before it: beside it, or in `Profiles/` next to raw Graph pages.
    objs = []
    protected = set()  # not cut for EXP901: their planted findings would go with them

    def add(entry):
        objs.append(entry)
        protected.add(len(objs) - 1)
        return len(objs) - 1

    def custom(plant):
        obj, fname, data = custom_profile(t, plant)
        add(("deviceconfiguration", None, obj, plant))
        add(("copy", fname, data, ()))

    p = maybe("SSO101", "SSO107")
    objs.append(("deviceconfiguration", None, sso_template(t, p), p))
    p = maybe("SSO106")
    objs.append(("settingscatalog", None, sc_sso(t, p), p))
    authenticator = app(t, "Microsoft Authenticator", "com.microsoft.azureauthenticator", "required", False)
    objs.append(("app", None, authenticator, ()))
    # JIT registration needs an iOS compliance policy assigned (ASG405): a tenant has one.
    objs.append(("compliance", None, compliance(t, ios=True), ()))
    objs.append(("app", None, app(t, "Intune Company Portal", "com.microsoft.CompanyPortal", "required", False), ()))
    for i, g in enumerate(t.groups[:n_groups]):  # SSO groups made since come last
        objs.append(("group", g[1], group_obj(t, *g), ("ASG401",) if truth_groups[i] else ()))
    # A few SSO conflicts per hundred tenants (of ~100 files), as many in one big tenant.
    conflicts = plant_sso_conflicts(t, max(1, round(files_wanted / 100)), rate * 0.4, add)
    makers = [
        (0.30, lambda: objs.append(("settingscatalog", None, sc_windows(t), ()))),
        (0.25, lambda: objs.append(("deviceconfiguration", None, device_restrictions(t), ()))),
        (0.10, lambda: objs.append(("compliance", None, compliance(t), ()))),
        (0.15, lambda: objs.append(("app", None, app(t, f"{t.org} App {rng.randint(1, 99999)}", f"com.{t.org.lower()}.app{rng.randint(1, 99999)}",
                                                     rng.choice(["required", "available"]), rng.random() < 0.05), ()))),
        (0.06, lambda: objs.append(("appconfig", None, app_config(t), ()))),
        (0.06, lambda: objs.append(("appprotection", None, app_protection(t), ()))),
        (0.04, lambda: objs.append(("script", None, script(t), ()))),
        (0.04, lambda: custom(maybe("SSO102", "SSO108"))),
        (0.02, lambda: (lambda p: objs.append(("deviceconfiguration", None, sso_template(t, p), p)))(maybe("SSO101", "SSO107"))),
        (0.02, lambda: (lambda p: objs.append(("settingscatalog", None, sc_sso(t, p), p)))(maybe("SSO106"))),
    ]
    weights = [m[0] for m in makers]
    # A real tenant has a handful of SSO policies whatever its size: a big tenant gets more
    # of everything else.
    sso_makers, sso_budget = {7, 8, 9}, 20
    # Raw pages hold many objects per file: more objects for the same file budget.
    per_file = 5 if t.layout == "raw" else 1
    while len(objs) + len(t.new_groups) < files_wanted * per_file:
        i = rng.choices(range(len(makers)), weights)[0]
        if i in sso_makers:
            if sso_budget == 0:
                continue
            sso_budget -= 1
        makers[i][1]()
    for g in t.new_groups:
        objs.append(("group", g[1], group_obj(t, *g), ()))
    # Authenticator is required wherever an SSO profile goes (APP210), known only now.
    groups = list(dict.fromkeys(user_groups(t)[:4] + t.sso_targets))
    authenticator["assignments"] = assignments(t, authenticator["id"], groups, "required")

    base = Path(t.name)
    path_of = {}  # object index -> the file it is in
    if t.layout == "raw":
        pages = {}
        for n, (cat, name, obj, plant) in enumerate(objs):
            if cat in ("mobileconfig", "copy"):
                continue
            pages.setdefault(cat, []).append((obj, plant, n))
        for cat, items in pages.items():
            for n in range(0, len(items), per_file):
                chunk = items[n:n + per_file]
                page = {"@odata.context": META + cat, "value": [o for o, _, _ in chunk]}
                codes = [c for _, plant, _ in chunk for c in plant]
                # The last page of a collection has no next link; a planted partial page does.
                if n + per_file < len(items) and maybe("EXP903"):
                    page = {"@odata.context": page["@odata.context"],
                            "@odata.nextLink": GRAPH + "/" + cat + "?$skiptoken=" + t.guid(), "value": page["value"]}
                    codes.append("EXP903")
                rel = base / "GraphPages" / f"{cat}.page{n // per_file + 1}.json"
                w.write(rel, utf8(minified(page)), codes)
                path_of.update((k, rel) for _, _, k in chunk)
        for n, (cat, name, obj, plant) in enumerate(objs):
            if cat == "mobileconfig":
                path_of[n] = profile_path(w, base, rng)
                w.write(path_of[n], obj, plant)
            elif cat == "copy":
                rel = base / "Profiles" / name
                w.write(unique(w, rel, rng), obj)
    else:
        folders = IM_FOLDER if t.layout == "im" else CD_FOLDER
        yaml_tenant = t.layout == "cd" and t.index % 2 == 1
        last = None  # the folder of the last Graph file: a "copy" goes beside it
        for n, (cat, name, obj, plant) in enumerate(objs):
            if cat == "mobileconfig":
                path_of[n] = profile_path(w, base, rng)
                w.write(path_of[n], obj, plant)
                continue
            if cat == "copy":
                rel = last / name if t.layout == "im" else last / "mobileconfig" / name
                w.write(unique(w, rel, rng), obj)
                continue
            name = name or obj.get("displayName") or obj.get("name")
            short = obj.get("@odata.type", "#group").split(".")[-1]
            if t.layout == "im":
                rel = base / folders[cat] / (safe(name) + ".json")
                if cat in ("app", "settingscatalog") or rng.random() < 0.1:
                    data = utf8(ps7(obj))
                else:
                    data = utf16(ps51(obj))
            else:
                stem = safe(name) + "_" + short
                if yaml_tenant:
                    rel = base / folders[cat] / (stem + ".yaml")
                    data = utf8(yaml_dump(obj))
                else:
                    rel = base / folders[cat] / (stem + ".json")
                    data = utf8(intunecd_json(obj))
            if n not in protected and cat == "deviceconfiguration" and not plant and rel.suffix == ".json" and maybe("EXP901"):
                # Cut inside the file, on a UTF-16 code unit boundary, mid-way: not valid JSON.
                cut = (len(data) // 2) & ~1
                data = data[:cut]
                plant = ("EXP901",)
            rel = unique(w, rel, rng)
            w.write(rel, data, plant)
            path_of[n] = rel
            last = rel.parent
    for code, members in conflicts:
        w.truth.append((max((path_of[k] for k in members), key=walk_key), code))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("files", type=int)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--rate", type=float, default=0.1, help="how often a planted problem appears per chance")
    ap.add_argument("--tenant-files", type=int, default=100,
                    help="files per tenant folder (an MSP export by default; FILES for one big tenant)")
    args = ap.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out} exists and is not empty")
    rng = random.Random(args.seed)
    w = Writer(args.out, args.files)
    index = 0
    per_tenant = args.tenant_files
    while not w.full():
        layout = ("im", "cd", "raw")[index % 3]
        t = Tenant(random.Random(rng.getrandbits(64)), index, layout)
        remaining = args.files - w.count
        write_tenant(w, t, min(per_tenant, remaining), args.rate)
        index += 1
    truth = args.out.with_name(args.out.name + ".truth.tsv")
    with open(truth, "w") as f:
        for rel, code in sorted(w.truth):
            f.write(f"{rel}\t{code}\n")
    print(f"{w.count} files, {w.bytes / 1e6:.0f} MB, {index} tenants, {len(w.truth)} planted problems -> {args.out}, {truth}")


if __name__ == "__main__":
    main()
