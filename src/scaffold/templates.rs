//! The texts that `ropa init` and `ropa new` fill in: `{id}`, `{name}`, `{date}` and the like
//! are replaced; every field has a comment saying what it holds.

pub(super) const REGISTER_TEMPLATE: &str = r#"# The organisation that keeps this record of processing activities (Art. 30 GDPR), its
# representative in the Union and its data protection officer, and the register's settings.
# Leave out what you do not know: `ropa check` says which facts Art. 30 requires, and documents
# print "Not stated" for what is missing. Every field is described in the schema (hover in an
# editor with the YAML extension).
organisation:
  name: {organisation}
  email: contact@example.org           # replace with the organisation's contact address
  # legal_form: SAS                      # legal form
  # registration: RCS Lyon 123 456 789   # company registration number
  # address: |-                          # postal address, one line per line
  #   1 rue de la République
  #   69001 Lyon
  # phone: +33 4 00 00 00 00
  # website: https://www.example.org
  # head:                                # the head of the organisation (Art. 30(1)(a))
  #   name: Claire Martin
  #   position: Managing director
# representative:                        # only for organisations outside the Union (Art. 27)
#   name: ...
# dpo:                                   # the data protection officer (Art. 37), if designated
#   name: Julien Bernard
#   email: dpo@example.org
settings:
  review_interval_months: 12             # how often every activity is reviewed
  dpia_review_interval_months: 36        # how often a DPIA is reviewed
  # language: fr                         # documents' default language: en or fr
  # rules:                               # per-rule severity: error | warning | info | off
  #   unused-vendor: off
"#;

pub(super) const VENDORS_TEMPLATE: &str = r#"# Vendors, processors, sub-processors and other third parties that receive personal data.
# Activities name them as recipients (`kind: vendor`, `vendor: <id>`). Add one with
# `ropa new vendor ID`.
vendors: []
"#;

pub(super) const MEASURES_TEMPLATE: &str = r#"# Technical and organisational security measures (Art. 32), under the headings of Annex III of
# Decision (EU) 2021/915. Activities name them in `security_measures`. Add one with
# `ropa new measure ID --category CATEGORY`.
measures: []
"#;

pub(super) const EXAMPLE_TEMPLATE: &str = r#"# An example activity to show the format: edit it to describe a real processing, or delete it.
# One file per processing activity, named after its id. Add another with `ropa new activity ID`.
id: example-newsletter
name: Newsletter
description: >-
  Subscribers receive a monthly e-mail about the organisation's news.
owner: Communication                   # the team answerable for the activity
role: controller                       # controller | joint_controller | processor
created: {date}
updated: {date}
reviewed: {date}
purposes:
  - description: Send the monthly newsletter to those who asked for it
    legal_basis: consent               # Art. 6(1)(a)
    consent_record: The subscription form records the date and the text agreed to
operations: [collection, recording, storage, use, erasure]
data_subjects:
  - id: subscribers
    name: Newsletter subscribers
data_categories:
  - id: email-address
    name: E-mail address
    source: The subscriber, on the subscription form
special_categories_statement: >-
  No special categories of data (Art. 9) and no data relating to criminal convictions (Art. 10)
  are processed.
recipients:
  - kind: internal
    name: Communication team
retention:
  - text: The address is kept until the subscriber unsubscribes, then deleted.
    data_categories: [email-address]
    periods:
      - phase: active
        until: the subscriber unsubscribes
    end_action: delete
automated_decision_making: No decision is made by automated means.
dpia:
  done: false
  date: {date}
  conclusion: No WP248 criterion and no Art. 35(3) case applies; a DPIA is not required.
"#;

pub(super) const ACTIVITY_HEAD_TEMPLATE: &str = r#"# One processing activity (Art. 30 GDPR). Leave out what is not known: `ropa check` says what
# is missing, and documents print "Not stated". Every field is described in the schema.
id: {id}                               # the file's name without .yaml; used in references
name: {name}                           # the activity as people call it
# description: >-                      # what happens, in a few sentences
#   ...
# owner: Sales                         # the team answerable for the activity
role: {role}                           # controller | joint_controller | processor
created: {date}                        # when this record was created
updated: {date}                        # when it last changed
# reviewed: {date}                     # when the DPO last reviewed it
# next_review: YYYY-MM-DD              # when it is due for review
{body}"#;

pub(super) const ACTIVITY_CONTROLLER_TEMPLATE: &str = r#"# purposes:                           # why the data is processed, each with its legal basis
#   - description: Manage customer accounts
#     legal_basis: contract            # consent | contract | legal_obligation | vital_interests | public_task | legitimate_interests
#     # legitimate_interest: ...       # with legitimate_interests: the interest pursued
#     # legal_reference: ...           # with legal_obligation or public_task: the law
# joint_controllers:                   # with role: joint_controller (Art. 26)
#   - name: ...
"#;

pub(super) const ACTIVITY_PROCESSOR_TEMPLATE: &str = r#"# controllers:                        # on whose behalf the data is processed (Art. 30(2)(a))
#   - name: Customers of the service
# processing_categories:               # the categories of processing carried out (Art. 30(2)(b))
#   - Hosting of the customers' data
# purposes:                            # the purposes set by the controllers
#   - description: Provide the service to customers
# processing_agreement:                # the Art. 28(3) terms of the contract
#   reference: Data processing agreement, annex 2
#   breach_notification: PT36H         # how soon a breach is notified to the controller
#   sub_processor_authorisation:
#     kind: general                    # general | specific
#     notice: P30D                     # notice given before a new sub-processor (Art. 28(2))
"#;

pub(super) const ACTIVITY_TAIL_TEMPLATE: &str = r#"# operations: [collection, recording, storage, use, erasure]   # what is done with the data (Art. 4(2))
# data_subjects:                       # whose data (Art. 30(1)(c))
#   - id: customers
#     name: Customers
# data_categories:                     # which data (Art. 30(1)(c))
#   - id: identity
#     name: Identity and contact details
#     # special_category: health       # an Art. 9(1) category, with its art9_condition
# special_categories_statement: No special categories of data are processed.
# recipients:                          # who receives the data (Art. 30(1)(d))
#   - kind: internal                   # internal | vendor | ... (see the schema)
#     name: Customer service
#   - kind: vendor
#     vendor: hosting-provider         # an id of vendors.yaml
# retention:                           # how long, and what happens at the end (Art. 30(1)(f))
#   - data_categories: [identity]
#     text: Three years after the last order, then deleted   # the source's own words
#     periods:
#       - {phase: active, duration: P3Y, from: last order}
#     end_action: delete               # delete | anonymise
# transfers:                           # data leaving the EEA (Art. 30(1)(e), Chapter V)
#   - {country: US, vendor: hosting-provider}
# security_measures: [daily-backups]   # ids of measures.yaml (Art. 30(1)(g))
# dpia:                                # DPIA screening (Art. 35)
#   criteria: []                       # WP248 criteria that apply
#   done: false
# waivers:                             # accepted exceptions to a rule, with reason and expiry
#   - {rule: RP302, reason: ..., approved_by: DPO, expires: YYYY-MM-DD}
# notes: ...
"#;

pub(super) const VENDOR_TEMPLATE: &str = r#"- id: {id}                             # used by activities: `vendor: {id}`
  name: {name}                         # the vendor as it is known
  # legal_name: ...                    # its legal name, when different
  role: processor                      # processor | sub_processor | controller | joint_controller | authority
  service: Not stated                  # what it does with the data, e.g. Hosting
  # processing_description: ...        # the processing it carries out, in the contract's words
  # address: ...
  # website: https://...
  # contract: {reference: Data processing addendum, date: YYYY-MM-DD}   # the Art. 28 contract
  # locations:                         # where the data is processed
  #   - {country: FR, place: Paris}
  # transfer_safeguards:               # for each country outside the EEA (Chapter V)
  #   - {country: US, mechanism: scc_2021_914, scc_module: two}
  # dpf_certified: false               # certified under the EU-US Data Privacy Framework
  # certifications: [ISO 27001]
"#;

pub(super) const MEASURE_TEMPLATE: &str = r#"- id: {id}                             # used by activities: `security_measures: [{id}]`
  category: {category}                 # heading of Annex III of Decision (EU) 2021/915
  # cnil_heading: access_control       # heading of the CNIL register sheet
  title: {title}
  description: Not stated              # what is done, by whom, how often
"#;

pub(super) const WORKFLOW_TEMPLATE: &str = r#"# Checks the register on every push and pull request: findings as annotations on the pull
# request and in code scanning (SARIF). Made by `ropa init`.
name: register
on: [push, pull_request]
permissions:
  contents: read
  security-events: write
env:
  # The git repository you install ropa from (ropa has no public repository URL yet: give the one
  # you cloned it from), and the tag to build. The build is cached: only the first run compiles.
  ROPA_GIT_URL: ""
  ROPA_VERSION: v0.1.0
jobs:
  ropa:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/ropa
          key: ropa-${{ runner.os }}-${{ env.ROPA_VERSION }}
      - if: steps.cache.outputs.cache-hit != 'true'
        run: |
          if [ -z "$ROPA_GIT_URL" ]; then
            echo "::error file=.github/workflows/ropa.yml::set ROPA_GIT_URL to the git repository ropa is installed from"
            exit 2
          fi
          cargo install --locked --git "$ROPA_GIT_URL" --tag "$ROPA_VERSION" ropa
      - run: ropa check . --format sarif -o ropa.sarif
        continue-on-error: true
      - uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: ropa.sarif
      # Annotations on the pull request, and the job's exit code:
      - run: ropa check . --format github
"#;

pub(super) const PRE_COMMIT_TEMPLATE: &str = r#"# pre-commit (https://pre-commit.com): checks the register before each commit. Made by
# `ropa init`; needs `ropa` on PATH. Only the files of the commit are checked: a changed activity
# against the register's settings and catalogues; a changed ropa.yaml, vendors.yaml or
# measures.yaml checks the whole register.
repos:
  - repo: local
    hooks:
      - id: ropa-check
        name: ropa check
        entry: ropa check
        language: system
        files: (^|/)(activities/[^/]+\.ya?ml|ropa\.yaml|vendors\.yaml|measures\.yaml)$
        pass_filenames: true
"#;
