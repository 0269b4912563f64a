"""Reference data shipped with the app, loaded by a data migration.

The 21 APEC member economies in the order APEC records list them, with their official
names, codes, how records name them mid-sentence, and the aliases real records use.
Changing this file does not change a database: write a new data migration for that.
"""

# (code, official name, name in running text, aliases)
ECONOMIES = [
    ("AUS", "Australia", "Australia", ["Commonwealth of Australia"]),
    ("BD", "Brunei Darussalam", "Brunei Darussalam", ["Brunei", "Negara Brunei Darussalam"]),
    ("CDA", "Canada", "Canada", []),
    ("CHL", "Chile", "Chile", ["Republic of Chile"]),
    (
        "PRC",
        "People's Republic of China",
        "the People's Republic of China",
        ["China", "PR China", "P.R. China", "P.R.C.", "Mainland China"],
    ),
    ("HKC", "Hong Kong, China", "Hong Kong, China", ["Hong Kong", "Hong Kong China", "Hong Kong SAR"]),
    ("INA", "Indonesia", "Indonesia", ["Republic of Indonesia"]),
    ("JPN", "Japan", "Japan", []),
    ("ROK", "Republic of Korea", "the Republic of Korea", ["Korea", "South Korea"]),
    ("MAS", "Malaysia", "Malaysia", []),
    ("MEX", "Mexico", "Mexico", ["United Mexican States"]),
    ("NZ", "New Zealand", "New Zealand", []),
    ("PNG", "Papua New Guinea", "Papua New Guinea", ["PNG"]),
    ("PE", "Peru", "Peru", ["Republic of Peru"]),
    ("PHL", "The Philippines", "the Philippines", ["Philippines", "Republic of the Philippines"]),
    ("RUS", "The Russian Federation", "the Russian Federation", ["Russia", "Russian Federation"]),
    ("SGP", "Singapore", "Singapore", ["Republic of Singapore"]),
    ("CT", "Chinese Taipei", "Chinese Taipei", []),
    ("THA", "Thailand", "Thailand", ["Kingdom of Thailand"]),
    (
        "USA",
        "United States",
        "the United States",
        ["United States of America", "the United States of America", "US", "U.S.", "U.S.A."],
    ),
    ("VN", "Viet Nam", "Viet Nam", ["Vietnam", "Socialist Republic of Viet Nam"]),
]

# (name, short name, name in running text, kind)
ORGANISATIONS = [
    ("APEC Secretariat", "APEC Sec", "the APEC Secretariat", "secretariat"),
    ("ASEAN Secretariat", "ASEAN", "the ASEAN Secretariat", "observer"),
    ("Pacific Economic Cooperation Council", "PECC", "PECC", "observer"),
    ("Pacific Islands Forum Secretariat", "PIF", "the Pacific Islands Forum", "observer"),
    ("APEC Business Advisory Council", "ABAC", "ABAC", "apec_body"),
    ("Organisation for Economic Co-operation and Development", "OECD", "OECD", "guest"),
    ("Macao, China", "Macao", "Macao, China", "guest"),
    ("APEC Women Leaders' Network", "WLN", "the Women Leaders' Network", "apec_body"),
    ("SOM Steering Committee on Economic and Technical Cooperation", "SCE", "the SCE", "apec_body"),
    ("APEC Gender Focal Point Network", "GFPN", "the Gender Focal Point Network", "apec_body"),
    ("Emergency Preparedness Working Group", "EPWG", "the EPWG", "apec_body"),
    ("Policy Support Unit", "PSU", "the Policy Support Unit", "apec_body"),
    ("Private Sector Committee", "PSC", "the PSC", "guest"),
]

# Other spellings of organisations that records use.
ORGANISATION_ALIASES = {
    "APEC Secretariat": ["APEC Sec", "the APEC Secretariat", "Secretariat"],
    "ASEAN Secretariat": ["ASEAN"],
    "Pacific Economic Cooperation Council": ["PECC"],
    "Pacific Islands Forum Secretariat": ["Pacific Islands Forum", "PIF"],
    "APEC Business Advisory Council": ["ABAC", "ABAC SME Task Force"],
    "Organisation for Economic Co-operation and Development": [
        "OECD",
        "Organization for Economic Cooperation and Development",
    ],
    "Macao, China": ["Macao", "Macau", "Macau, China"],
    "APEC Women Leaders' Network": ["Women Leaders Network", "Women Leaders' Network", "WLN"],
    "SOM Steering Committee on Economic and Technical Cooperation": [
        "SOM Steering Committee on ECOTECH",
        "Steering Committee on ECOTECH",
        "SCE",
    ],
    "APEC Gender Focal Point Network": ["Gender Focal Point Network", "GFPN"],
    "Emergency Preparedness Working Group": ["APEC Emergency Preparedness Working Group", "EPWG"],
    "Policy Support Unit": ["APEC Policy Support Unit", "PSU"],
    "Private Sector Committee": ["PSC"],
}

FORUMS = [
    ("SMEWG", "APEC Small and Medium Enterprises Working Group"),
]
