//! One file's contribution to the tenant index, read while the file is checked.

use super::{
    AdeProfile, App, AppConfig, AppProtection, AppRef, Assignment, AssignmentFile, Compliance,
    ConfigSetting, Group, Policy, ProfileFacts, Restricted, SsoPolicy, Target, TargetKind,
    TargetRare, Tenant, UserEnrollmentProfile,
};
use crate::classify::{Kind, Object, normalize_type};
use crate::document::{Document, Part};
use crate::intern::Interned;
use crate::location::Loc;
use crate::node::{Node, Value, join};
use crate::views::sso::{self, Located, SsoExtension};

/// The facts of one document. `sso` are the SSO extensions already read from its objects
/// (the engine reads them once for SSO rules), in object order with their object index.
pub fn extract(doc: &Document, objects: &[Object<'_>], sso: Vec<(usize, SsoExtension)>) -> Tenant {
    let mut t = Tenant::default();
    if let Some(file) = assignment_file(doc, objects) {
        t.assignment_files.push(file);
        return t;
    }
    let single = objects.len() == 1 && objects[0].pointer.is_empty();
    let partial_page = doc.root.get("value").is_some() && doc.root.get("@odata.nextLink").is_some();
    let mut sso = sso.into_iter().peekable();
    for (i, o) in objects.iter().enumerate() {
        let policy = || policy(doc, o, single);
        let mut exts = Vec::new();
        while let Some((_, e)) = sso.next_if(|(j, _)| *j <= i) {
            exts.push(e);
        }
        if !exts.is_empty() {
            t.sso.push(SsoPolicy {
                policy: policy(),
                extensions: exts,
            });
            // A profile with an SSO payload is still a profile: its UUIDs, identifiers
            // and restricted payloads count like any other's.
            if o.kind != Kind::AppleProfile {
                continue;
            }
        }
        match o.kind {
            Kind::IosApp => {
                t.apps_partial |= partial_page;
                t.apps.push(App {
                    policy: policy(),
                    bundle_id: located_str(doc, o, "bundleId"),
                });
            }
            Kind::OtherApp => {
                t.apps_partial |= partial_page;
                t.other_apps += 1;
            }
            Kind::AppConfig => t.app_configs.push(app_config(doc, o, policy())),
            Kind::AppProtection => t.app_protections.push(app_protection(doc, o, policy())),
            Kind::AdeProfile => t.ade_profiles.push(ade_profile(doc, o, policy())),
            Kind::UserEnrollmentProfile => {
                t.user_enrollments.push(user_enrollment(doc, o, policy()))
            }
            Kind::Compliance { ios } => {
                t.compliance_partial |= partial_page;
                t.compliance.push(Compliance {
                    policy: policy(),
                    ios,
                });
            }
            Kind::Group => t.groups.push(group(doc, o)),
            Kind::AppleProfile => t.profiles.push(profile(doc, o)),
            Kind::Discovery => t.discovery_files.push(doc.path.clone()),
            Kind::Assignment => {}
            _ => {
                let p = policy();
                if p.assignments.is_some() || p.single {
                    t.others.push(p);
                }
            }
        }
    }
    t.shrink_to_fit();
    t
}

fn located_str(doc: &Document, o: &Object<'_>, key: &str) -> Option<Located<String, Loc>> {
    located_in(doc, o.node, &o.pointer, key)
}

/// [`located_str`] for values that repeat across the export.
fn located_interned(doc: &Document, o: &Object<'_>, key: &str) -> Option<Located<Interned, Loc>> {
    located_str(doc, o, key).map(|l| Located {
        value: Interned::new(&l.value),
        loc: l.loc,
    })
}

/// The string member `key` of `node` (at `ptr`), with a compact location.
fn located_in(doc: &Document, node: &Node, ptr: &str, key: &str) -> Option<Located<String, Loc>> {
    sso::located_str(doc, node, ptr, key).map(Located::compact)
}

fn located_bool(doc: &Document, o: &Object<'_>, key: &str) -> Option<Located<bool, Loc>> {
    let v = o.node.get(key)?.as_bool()?;
    Some(Located {
        value: v,
        loc: doc.locate(&join(&o.pointer, key), Part::Member).into(),
    })
}

/// `Category/Name` for `Category/Name.json`, lower-cased.
pub(super) fn file_key(path: &str) -> Option<String> {
    let (stem, _) = path.rsplit_once('.')?;
    Some(stem.to_lowercase())
}

/// The policy of one object (a Graph object carrying an embedded profile, say).
pub fn policy_of(doc: &Document, o: &Object<'_>) -> Policy {
    policy(doc, o, o.pointer.is_empty())
}

fn profile(doc: &Document, o: &Object<'_>) -> ProfileFacts {
    let root = o.node;
    let mut restricted = Vec::new();
    let target = crate::views::profile::target(doc, root);
    crate::views::profile::validate(root, target, &mut |steps, issue| {
        if let crate::views::profile::Issue::Restricted {
            what,
            payload,
            forbidden_in_user_enrollment,
            supervised_only,
        } = issue
        {
            restricted.push(Restricted {
                what: what.to_string(),
                payload,
                forbidden_in_user_enrollment,
                supervised_only,
                loc: doc
                    .locate(&crate::node::pointer_of(&o.pointer, steps), Part::Key)
                    .into(),
            });
        }
    });
    let is_profile = crate::views::profile::is_profile(root);
    let top = |k: &str| is_profile.then(|| located_str(doc, o, k)).flatten();
    let mut payload_identifiers = Vec::new();
    let mut payload_uuids = Vec::new();
    for (i, p) in crate::views::profile::payloads(root) {
        let ptr = match i {
            Some(i) => join(&join(&o.pointer, "PayloadContent"), i),
            None => o.pointer.clone(),
        };
        payload_identifiers.extend(located_in(doc, p, &ptr, "PayloadIdentifier"));
        payload_uuids.extend(located_in(doc, p, &ptr, "PayloadUUID"));
    }
    ProfileFacts {
        object: o.reference.clone(),
        loc: doc.locate(&o.pointer, Part::Key).into(),
        identifier: top("PayloadIdentifier"),
        uuid: top("PayloadUUID"),
        payload_identifiers,
        payload_uuids,
        digest: crate::views::profile::digest(root),
        owner: None,
        restricted,
    }
}

fn policy(doc: &Document, o: &Object<'_>, single: bool) -> Policy {
    let name = ["displayName", "name"].into_iter().find_map(|k| {
        let n = o.node.get(k)?;
        n.as_str().map(|_| (k, n))
    });
    let loc = match name {
        Some((k, n)) => doc.locate_node(&join(&o.pointer, k), n),
        None => doc.locate_node(&o.pointer, o.node),
    };
    let (assignments, assignments_loc) = match o.node.get("assignments") {
        Some(list) if list.is_array() => {
            let ptr = join(&o.pointer, "assignments");
            (
                Some(assignments(doc, list, &ptr)),
                Some(doc.locate(&ptr, Part::Key)),
            )
        }
        _ => (None, None),
    };
    Policy {
        object: o.reference.clone(),
        kind: o.kind.clone(),
        loc: loc.into(),
        assignments,
        assignments_loc: assignments_loc.map(Loc::from),
        single,
        has_id: has_id(o),
    }
}

/// The object's `id` member is a string, so `o.reference.id` is it.
fn has_id(o: &Object<'_>) -> bool {
    o.node.get("id").and_then(Node::as_str).is_some()
}

/// Kept until every file is read: a boxed slice, with no spare capacity.
fn assignments(doc: &Document, list: &Node, ptr: &str) -> Box<[Assignment]> {
    list.items()
        .iter()
        .enumerate()
        .filter_map(|(i, a)| assignment(doc, a, &join(ptr, i)))
        .collect()
}

fn assignment(doc: &Document, a: &Node, ptr: &str) -> Option<Assignment> {
    let target_node = a.get("target").filter(|t| t.is_object())?;
    let tptr = join(ptr, "target");
    let kind = match target_node
        .get("@odata.type")
        .and_then(Node::as_str)
        .map(normalize_type)
        .as_deref()
    {
        Some("groupassignmenttarget") => TargetKind::Group,
        Some("exclusiongroupassignmenttarget") => TargetKind::ExclusionGroup,
        Some("alllicensedusersassignmenttarget") => TargetKind::AllUsers,
        Some("alldevicesassignmenttarget") => TargetKind::AllDevices,
        Some(other) => TargetKind::Other(other.into()),
        None => TargetKind::Other("untyped target".into()),
    };
    let text = |k: &str| {
        target_node
            .get(k)
            .and_then(Node::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Interned::new)
    };
    let located = |k: &str| located_in(doc, target_node, &tptr, k);
    // An all-zero GUID is how some exports write "no filter".
    let filter_id = located("deviceAndAppManagementAssignmentFilterId").filter(|f| {
        let v = f.value.trim();
        !v.is_empty() && !v.chars().all(|c| c == '0' || c == '-')
    });
    let target = Target {
        kind,
        group_id: text("groupId"),
        group_name: text("groupName"),
        group_type: text("groupType"),
        rare: TargetRare {
            membership_rule: located("membershipRule").filter(|r| !r.value.trim().is_empty()),
            filter_type: located("deviceAndAppManagementAssignmentFilterType")
                .filter(|t| filter_id.is_some() || !matches!(t.value.trim(), "" | "none")),
            filter_id,
        }
        .boxed(),
        loc: doc.locate_node(&tptr, target_node).into(),
    };
    let intent = located_in(doc, a, ptr, "intent").map(|i| {
        Box::new(Located {
            value: Interned::new(&i.value),
            loc: i.loc,
        })
    });
    let settings_ptr = join(ptr, "settings");
    let device_licensing = a
        .get("settings")
        .and_then(|s| s.get("useDeviceLicensing"))
        .and_then(Node::as_bool)
        .map(|value| {
            Box::new(Located {
                value,
                loc: doc
                    .locate(&join(&settings_ptr, "useDeviceLicensing"), Part::Value)
                    .into(),
            })
        });
    Some(Assignment {
        intent,
        target,
        device_licensing,
    })
}

/// IntuneBackupAndRestore: `<folder>/Assignments/<name>.json`, written by
/// `$assignments | ConvertTo-Json | Out-File`: an array, or (Windows PowerShell unrolls a
/// one-element array) one bare assignment object. No file is written for no assignments.
fn assignment_file(doc: &Document, objects: &[Object<'_>]) -> Option<AssignmentFile> {
    let (dir, file) = doc.path.rsplit_once('/')?;
    let (parent, folder) = dir.rsplit_once('/').unwrap_or(("", dir));
    if !folder.eq_ignore_ascii_case("Assignments") {
        return None;
    }
    let bare_object = doc.root.is_object();
    if !(doc.root.is_array() || bare_object) || objects.iter().any(|o| o.kind != Kind::Assignment) {
        return None;
    }
    let owner = if parent.is_empty() {
        file.to_string()
    } else {
        format!("{parent}/{file}")
    };
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let owner_id = stem
        .split_once(" - ")
        .filter(|(id, _)| !id.is_empty() && !id.contains(' '))
        .map(|(id, _)| (parent.to_lowercase(), id.to_lowercase()));
    Some(AssignmentFile {
        owner_key: file_key(&owner)?,
        owner_id,
        assignments: if bare_object {
            assignment(doc, &doc.root, "").into_iter().collect()
        } else {
            assignments(doc, &doc.root, "")
        },
        loc: doc.locate("", Part::Value).into(),
    })
}

fn group(doc: &Document, o: &Object<'_>) -> Group {
    let types: Vec<&str> = o
        .node
        .get("groupTypes")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    let has = |t: &str| types.iter().any(|x| x.eq_ignore_ascii_case(t));
    let name_ptr = join(&o.pointer, "displayName");
    Group {
        object: o.reference.clone(),
        // Without a name, the group's span (where a pointer that does not resolve leads).
        loc: doc
            .locate_node(&name_ptr, o.node.get("displayName").unwrap_or(o.node))
            .into(),
        dynamic: has("DynamicMembership"),
        unified: has("Unified"),
        has_id: has_id(o),
        membership_rule: located_str(doc, o, "membershipRule")
            .filter(|r| !r.value.trim().is_empty()),
    }
}

fn app_config(doc: &Document, o: &Object<'_>, policy: Policy) -> AppConfig {
    let mut targets = Vec::new();
    let tptr = join(&o.pointer, "targetedMobileApps");
    match o.node.get("targetedMobileApps") {
        Some(n) if n.is_array() => {
            for (i, item) in n.items().iter().enumerate() {
                let ptr = join(&tptr, i);
                if let Some(id) = item.as_str() {
                    targets.push(AppRef::Id(Located {
                        value: id.to_string(),
                        loc: doc.locate_node(&ptr, item).into(),
                    }));
                } else if let Some(n) = item.get("appName")
                    && let Some(name) = n.as_str()
                {
                    targets.push(AppRef::Name(Located {
                        value: name.to_string(),
                        loc: doc.locate_node(&join(&ptr, "appName"), n).into(),
                    }));
                }
            }
        }
        // IntuneCD: `{"appName": "...", "type": "..."}`.
        Some(n) if n.is_object() => {
            if let Some(name) = n.get("appName").and_then(Node::as_str) {
                targets.push(AppRef::Name(Located {
                    value: name.to_string(),
                    loc: doc.locate(&join(&tptr, "appName"), Part::Value).into(),
                }));
            }
        }
        _ => {}
    }
    // IntuneManagement: "name|!|id|!|#type", one triple per app.
    if targets.is_empty()
        && let Some(r) = located_str(doc, o, "#CustomRefTargetedApps")
    {
        let parts: Vec<&str> = r.value.split("|!|").collect();
        for triple in parts.chunks(3) {
            if let Some(id) = triple.get(1).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                targets.push(AppRef::Id(Located {
                    value: id.to_string(),
                    loc: r.loc.clone(),
                }));
            }
        }
    }
    let mut settings = Vec::new();
    let sptr = join(&o.pointer, "settings");
    for (i, s) in o
        .node
        .get("settings")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let ptr = join(&sptr, i);
        let Some(key) = s.get("appConfigKey").and_then(Node::as_str) else {
            continue;
        };
        let field = |k: &str| {
            let n = s.get(k)?;
            let v = match &n.value {
                Value::String(v) => v.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Integer(i) => i.to_string(),
                Value::Real(r) => r.to_string(),
                _ => return None,
            };
            Some(Located {
                value: v,
                loc: doc.locate(&join(&ptr, k), Part::Value).into(),
            })
        };
        settings.push(ConfigSetting {
            key: Located {
                value: Interned::new(key),
                loc: doc.locate(&join(&ptr, "appConfigKey"), Part::Value).into(),
            },
            key_type: field("appConfigKeyType").map(|t| Located {
                value: Interned::new(&t.value),
                loc: t.loc,
            }),
            value: field("appConfigKeyValue"),
            from_xml: false,
        });
    }
    let mut xml_unreadable = false;
    if let Some(xml) =
        located_str(doc, o, "encodedSettingXml").filter(|x| !x.value.trim().is_empty())
    {
        match decode_setting_xml(&xml.value) {
            Some(dict) => {
                for m in dict.members() {
                    let (ty, value) = match &m.node.value {
                        Value::String(s) => ("stringType", s.clone()),
                        Value::Integer(i) => ("integerType", i.to_string()),
                        Value::Real(r) => ("realType", r.to_string()),
                        Value::Bool(b) => ("booleanType", b.to_string()),
                        _ => ("other", String::new()),
                    };
                    let at = |value| Located {
                        value,
                        loc: xml.loc.clone(),
                    };
                    settings.push(ConfigSetting {
                        key: at(Interned::new(&m.key)),
                        key_type: Some(at(Interned::new(ty))),
                        value: Some(Located {
                            value,
                            loc: xml.loc.clone(),
                        }),
                        from_xml: true,
                    });
                }
            }
            None => xml_unreadable = true,
        }
    }
    AppConfig {
        policy,
        targets,
        settings,
        xml_unreadable,
    }
}

/// `encodedSettingXml`: base64 of a plist `<dict>` fragment (or a whole plist).
fn decode_setting_xml(b64: &str) -> Option<Node> {
    let bytes = crate::formats::plist_xml::decode_base64(b64)?;
    let text = crate::source::decode(&bytes).text;
    let trimmed = text.trim();
    let wrapped;
    let xml = if trimmed.starts_with("<dict") {
        wrapped = format!("<plist version=\"1.0\">{trimmed}</plist>");
        &wrapped
    } else {
        trimmed
    };
    let root = crate::formats::plist_xml::parse(xml).ok()?;
    root.is_object().then_some(root)
}

fn app_protection(doc: &Document, o: &Object<'_>, policy: Policy) -> AppProtection {
    let aptr = join(&o.pointer, "apps");
    let bundle_ids = o
        .node
        .get("apps")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let id = a.get("mobileAppIdentifier")?.get("bundleId")?.as_str()?;
            let ptr = join(&join(&join(&aptr, i), "mobileAppIdentifier"), "bundleId");
            Some(Located {
                value: Interned::new(id),
                loc: doc.locate(&ptr, Part::Value).into(),
            })
        })
        .collect();
    AppProtection {
        policy,
        management_levels: located_interned(doc, o, "targetedAppManagementLevels"),
        app_group_type: located_interned(doc, o, "appGroupType"),
        bundle_ids,
    }
}

fn ade_profile(doc: &Document, o: &Object<'_>, policy: Policy) -> AdeProfile {
    let b = |k: &str| located_bool(doc, o, k);
    AdeProfile {
        policy,
        requires_user_authentication: b("requiresUserAuthentication"),
        company_portal_auth: b("enableAuthenticationViaCompanyPortal"),
        company_portal_on_setup_assistant: b("requireCompanyPortalOnSetupAssistantEnrolledDevices"),
        configuration_web_url: b("configurationWebUrl"),
        shared_ipad: b("enableSharedIPad"),
        supervised: b("supervisedModeEnabled"),
        userless_shared_mode: b("userlessSharedAadModeEnabled"),
    }
}

fn user_enrollment(doc: &Document, o: &Object<'_>, policy: Policy) -> UserEnrollmentProfile {
    let mut types: Vec<Located<String, Loc>> = located_str(doc, o, "defaultEnrollmentType")
        .into_iter()
        .collect();
    let optr = join(&o.pointer, "availableEnrollmentTypeOptions");
    for (i, opt) in o
        .node
        .get("availableEnrollmentTypeOptions")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if let Some(t) = opt.get("enrollmentType").and_then(Node::as_str) {
            types.push(Located {
                value: t.to_string(),
                loc: doc
                    .locate(&join(&join(&optr, i), "enrollmentType"), Part::Value)
                    .into(),
            });
        }
    }
    UserEnrollmentProfile {
        policy,
        enrollment_types: types,
    }
}
