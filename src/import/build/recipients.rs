//! Recipients, vendors and transfers; the vendors catalogue of ropa's own workbook.

use super::*;

impl Builder<'_> {
    pub(super) fn vendor_for(
        &mut self,
        name: &str,
        description: Option<String>,
        role: VendorRole,
        assumed: bool,
    ) -> String {
        let key = normalise(name);
        if let Some(&i) = self.vendor_index.get(&key) {
            return self.vendors[i].id.clone();
        }
        let mut taken: Vec<String> = self.vendors.iter().map(|v| v.id.clone()).collect();
        let id = unique_id(&slug(name), &mut taken);
        let i = self.vendors.len();
        let service = description.clone().unwrap_or_else(|| "not stated".into());
        if description.is_none() {
            self.vendor_comments
                .entry(format!("/vendors/{i}/service"))
                .or_default()
                .push(
                    "review: the spreadsheet does not say what service this vendor performs".into(),
                );
        }
        if assumed {
            self.vendor_comments.entry(format!("/vendors/{i}/role")).or_default().push(
                "review: the spreadsheet does not give this recipient's role; processor assumed".into(),
            );
        }
        self.vendors.push(Vendor {
            id: id.clone(),
            name: name.to_string(),
            role,
            service,
            ..Vendor::default()
        });
        self.vendor_index.insert(key, i);
        self.vendor_index.insert(normalise(&id), i);
        id
    }

    pub(super) fn recipients(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        for line in row
            .lines(Field::InternalRecipients)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, description) = split_named(&line);
            a.recipients.push(Recipient {
                kind: RecipientKind::Internal,
                name: Some(name),
                description,
                ..Recipient::default()
            });
        }
        let mut external = row.lines(Field::ExternalRecipients);
        external.extend(row.lines(Field::Recipients));
        for line in external.into_iter().filter(|l| !l.is_empty()) {
            self.external_recipient(a, &line);
        }
        self.processor_contracts(row);
    }

    /// One line of a recipients column: `name: details (kind)`. Vendors (named, or recipients
    /// of no other kind) go to the catalogue; the activity names them.
    fn external_recipient(&mut self, a: &mut Activity, line: &str) {
        let (body, label) = split_trailing_label(line);
        let vendor_role = label.and_then(by_label::<VendorRole>);
        let kind = label.and_then(by_label::<RecipientKind>);
        let (name, description) = split_named(body);
        let known_vendor = self.vendor_index.get(&normalise(&name)).copied();
        match (vendor_role, kind, known_vendor) {
            (_, Some(RecipientKind::Internal), None) => {
                a.recipients.push(Recipient {
                    kind: RecipientKind::Internal,
                    name: Some(name),
                    description,
                    ..Recipient::default()
                });
            }
            (
                _,
                Some(
                    k @ (RecipientKind::Authority | RecipientKind::Partner | RecipientKind::Other),
                ),
                None,
            ) => {
                a.recipients.push(Recipient {
                    kind: k,
                    name: Some(name),
                    description,
                    ..Recipient::default()
                });
            }
            (role, _, known) => {
                let (name, description) = if known.is_none()
                    && label.is_some()
                    && vendor_role.is_none()
                    && kind.is_none()
                {
                    // The parentheses were part of the name.
                    split_named(line)
                } else {
                    (name, description)
                };
                let id = match known {
                    Some(i) => self.vendors[i].id.clone(),
                    None => self.vendor_for(
                        &name,
                        description.clone(),
                        role.unwrap_or(VendorRole::Processor),
                        role.is_none(),
                    ),
                };
                let catalogue_says = known.map(|i| self.vendors[i].service.clone());
                a.recipients.push(Recipient {
                    kind: RecipientKind::Vendor,
                    vendor: Some(id),
                    description: description.filter(|d| Some(d) != catalogue_says.as_ref()),
                    ..Recipient::default()
                });
            }
        }
    }

    /// The contracts column: `vendor: reference — url` lines give the vendors' contracts.
    fn processor_contracts(&mut self, row: &mut Row<'_>) {
        for line in row
            .lines(Field::ProcessorContracts)
            .into_iter()
            .filter(|l| !l.is_empty())
        {
            let (name, contract) = split_named(&line);
            match (self.vendor_index.get(&normalise(&name)).copied(), contract) {
                (Some(i), Some(c)) if self.vendors[i].contract.is_none() => {
                    let mut parts = c.split(" — ");
                    let reference = parts.next().map(str::to_string);
                    let url = parts.next().map(str::to_string);
                    let (reference, url) = match reference {
                        Some(r) if r.starts_with("http") && url.is_none() => (None, Some(r)),
                        other => (other, url),
                    };
                    self.vendors[i].contract = Some(crate::model::Contract {
                        reference,
                        url,
                        date: None,
                    });
                }
                (Some(_), _) => {}
                _ => {
                    row.comment("/notes", format!("not placed: the contract \"{line}\" names no recipient of this row; kept in notes"));
                    row.notes
                        .push(format!("Processor contract as written: {line}"));
                }
            }
        }
    }

    pub(super) fn transfers(&mut self, a: &mut Activity, row: &mut Row<'_>) {
        let countries = row.lines(Field::TransferCountries);
        let importers = row.lines(Field::TransferImporters);
        let safeguards = row.lines(Field::TransferSafeguards);
        let n = countries.len().max(importers.len()).max(
            if countries.is_empty() && importers.is_empty() {
                0
            } else {
                safeguards.len()
            },
        );
        for i in 0..n {
            let mut t = Transfer::default();
            let pointer = format!("/transfers/{i}");
            if let Some(c) = countries.get(i).filter(|c| !c.is_empty()) {
                match country_by_name(c) {
                    Some(code) => t.country = Some(code),
                    None => {
                        t.description = Some(c.clone());
                        row.comment(&pointer, format!("review: \"{c}\" is not a country ropa knows; kept as the description"));
                    }
                }
            }
            if let Some(name) = importers.get(i).filter(|n| !n.is_empty()) {
                match self.vendor_index.get(&normalise(name)) {
                    Some(&v) => t.vendor = Some(self.vendors[v].id.clone()),
                    None => t.importer = Some(name.clone()),
                }
            }
            let safeguard = if safeguards.len() == 1 && n > 1 {
                safeguards.first()
            } else {
                safeguards.get(i)
            };
            if let Some(s) = safeguard.filter(|s| !s.is_empty()) {
                let mut parts = s.split(" — ");
                let first = parts.next().unwrap_or_default();
                match mechanism_by_label(first) {
                    Some(m) => {
                        t.mechanism = Some(m);
                        for part in parts {
                            if let Some(module) = by_label::<crate::model::SccModule>(part) {
                                t.scc_module = Some(module);
                            } else {
                                t.documentation = Some(part.to_string());
                            }
                        }
                    }
                    None => {
                        row.comment(&pointer, format!("not placed: the safeguard \"{s}\" is no Chapter V mechanism ropa knows; kept in notes"));
                        row.notes
                            .push(format!("Transfer safeguard as written: {s}"));
                    }
                }
            }
            a.transfers.push(t);
        }
    }

    /// ropa's Vendors sheet: the catalogue in full, by column heading.
    /// ropa's Vendors sheet: the catalogue in full, by column heading.
    pub(super) fn catalogue_vendors(&mut self, g: &Grid) {
        let Some(head) = g.rows.first() else { return };
        let titles: Vec<String> = head.iter().map(Cell::to_text).collect();
        let col = |en: &str, fr: &str| titles.iter().position(|t| t == en || t == fr);
        let (Some(id), Some(name), Some(role), Some(service)) = (
            col("Id", "Identifiant"),
            col("Name", "Nom"),
            col("Role", "Rôle"),
            col("Service", "Prestation"),
        ) else {
            return;
        };
        let legal_name = col("Legal name", "Raison sociale");
        let processing = col("Processing", "Traitement effectué");
        let address = col("Address", "Adresse");
        let website = col("Website", "Site web");
        let contract = col("Contract", "Contrat");
        let contract_date = col("Contract date", "Date du contrat");
        let certifications = col("Certifications", "Certifications");
        for r in 1..g.rows.len() {
            let text =
                |c: Option<usize>| c.map(|c| g.cell(r, c).to_text()).filter(|t| !t.is_empty());
            let Some(vid) = text(Some(id)).filter(|v| is_valid_id(v)) else {
                continue;
            };
            let vname = text(Some(name)).unwrap_or_else(|| vid.clone());
            let vrole = text(Some(role))
                .and_then(|t| by_label::<VendorRole>(&t))
                .unwrap_or_default();
            let vservice = text(Some(service)).unwrap_or_else(|| "not stated".into());
            let processing_description = text(processing).filter(|p| *p != vservice);
            let contract = match (
                text(contract),
                contract_date.and_then(|c| parse_date(g.cell(r, c))),
            ) {
                (None, None) => None,
                (reference, date) => Some(crate::model::Contract {
                    reference,
                    date,
                    url: None,
                }),
            };
            let i = self.vendors.len();
            self.vendors.push(Vendor {
                id: vid.clone(),
                name: vname.clone(),
                legal_name: text(legal_name),
                role: vrole,
                service: vservice,
                processing_description,
                address: text(address),
                website: text(website),
                contract,
                certifications: text(certifications)
                    .map(|c| c.lines().map(str::to_string).collect())
                    .unwrap_or_default(),
                ..Vendor::default()
            });
            self.vendor_comments.entry(format!("/vendors/{i}")).or_default().push(format!(
                "From the sheet \"{}\", row {}: places of processing, safeguards and contacts are not read back; review them.",
                g.name,
                r + 1
            ));
            self.vendor_index.insert(normalise(&vname), i);
            self.vendor_index.insert(normalise(&vid), i);
        }
    }
}
