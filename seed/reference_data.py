"""Real names for the demo: marketplaces, organizations, providers, solutions and service measures.

Sources are the anchors of ../shared/reference/qsmo-domain.md; section numbers (§) point there.
Items marked [E] in a description are plausible but not sourced.
"""

from __future__ import annotations

from datetime import date

# code, name, short name, lead agency, designation date, description (§1)
MARKETPLACES = [
    ("CYBER", "Cybersecurity Services QSMO", "Cybersecurity", "DHS / CISA", date(2020, 4, 27),
     "The first formal QSMO: SOC, vulnerability management and DNS resolver services, mostly at "
     "no cost to FCEB agencies."),
    ("FM", "Core Financial Management QSMO (FM Marketplace)", "Financial Mgmt",
     "Treasury / Bureau of the Fiscal Service", date(2020, 6, 29),
     "A brokered catalog of federal and commercial core financial management solutions: AP, AR, "
     "general ledger and reporting."),
    ("HR", "Civilian HR Transaction Services QSMO", "Human Resources", "OPM", date(2020, 6, 29),
     "Hiring assessment, HR data analytics, payroll and the Federal HR 2.0 core HCM platform. "
     "Designated to GSA in 2020, redesignated to OPM in 2021."),
    ("GRANTS", "Grants Management QSMO", "Grants", "HHS / Office of Grants", date(2021, 1, 15),
     "Shared grants solutions across pre-award, award, post-award and closeout."),
    ("ACQ", "Acquisition QSMO", "Acquisition", "GSA", date(2026, 3, 5),
     "The fifth QSMO, announced March 2026, to reduce nearly 230 civilian acquisition systems."),
]

# marketplace code, effective date, lead agency, event (§1)
MARKETPLACE_HISTORY = [
    ("CYBER", date(2020, 4, 27), "DHS / CISA", "Designated the first QSMO"),
    ("FM", date(2020, 6, 29), "Treasury / Bureau of the Fiscal Service", "Designated"),
    ("HR", date(2020, 6, 29), "GSA", "Designated to GSA (with the NewPay PMO)"),
    ("HR", date(2021, 3, 30), "OPM", "Redesignated from GSA to OPM"),
    ("GRANTS", date(2021, 1, 15), "HHS / Office of Grants", "Designated, the fourth QSMO"),
    ("ACQ", date(2026, 3, 5), "GSA", "Launch announced by OMB as the fifth QSMO"),
]

# The 24 CFO Act departments (§3.1): code, name
DEPARTMENTS = [
    ("USDA", "Department of Agriculture"),
    ("DOC", "Department of Commerce"),
    ("DOD", "Department of Defense"),
    ("ED", "Department of Education"),
    ("DOE", "Department of Energy"),
    ("HHS", "Department of Health and Human Services"),
    ("DHS", "Department of Homeland Security"),
    ("HUD", "Department of Housing and Urban Development"),
    ("DOI", "Department of the Interior"),
    ("DOJ", "Department of Justice"),
    ("DOL", "Department of Labor"),
    ("STATE", "Department of State"),
    ("DOT", "Department of Transportation"),
    ("TREAS", "Department of the Treasury"),
    ("VA", "Department of Veterans Affairs"),
    ("EPA", "Environmental Protection Agency"),
    ("NASA", "National Aeronautics and Space Administration"),
    ("USAID", "Agency for International Development"),
    ("GSA", "General Services Administration"),
    ("NSF", "National Science Foundation"),
    ("NRC", "Nuclear Regulatory Commission"),
    ("OPM", "Office of Personnel Management"),
    ("SBA", "Small Business Administration"),
    ("SSA", "Social Security Administration"),
]

# Components and bureaus: department code -> [(code, name)]
COMPONENTS = {
    "USDA": [
        ("FS", "Forest Service"), ("NRCS", "Natural Resources Conservation Service"),
        ("FSA", "Farm Service Agency"), ("RMA", "Risk Management Agency"),
        ("APHIS", "Animal and Plant Health Inspection Service"),
        ("FSIS", "Food Safety and Inspection Service"), ("AMS", "Agricultural Marketing Service"),
        ("ARS", "Agricultural Research Service"), ("NIFA", "National Institute of Food and Agriculture"),
        ("ERS", "Economic Research Service"), ("NASS", "National Agricultural Statistics Service"),
        ("RD", "Rural Development"), ("FNS", "Food and Nutrition Service"),
        ("FAS", "Foreign Agricultural Service"),
    ],
    "DOC": [
        ("CENSUS", "Census Bureau"), ("NOAA", "National Oceanic and Atmospheric Administration"),
        ("NIST", "National Institute of Standards and Technology"),
        ("USPTO", "United States Patent and Trademark Office"),
        ("ITA", "International Trade Administration"), ("BIS", "Bureau of Industry and Security"),
        ("EDA", "Economic Development Administration"),
        ("MBDA", "Minority Business Development Agency"),
        ("NTIA", "National Telecommunications and Information Administration"),
        ("BEA", "Bureau of Economic Analysis"),
    ],
    "DOD": [
        ("ARMY", "Department of the Army"), ("NAVY", "Department of the Navy"),
        ("USAF", "Department of the Air Force"), ("DISA", "Defense Information Systems Agency"),
        ("DLA", "Defense Logistics Agency"), ("DHA", "Defense Health Agency"),
        ("DCMA", "Defense Contract Management Agency"), ("DCAA", "Defense Contract Audit Agency"),
        ("DTRA", "Defense Threat Reduction Agency"),
        ("NGA", "National Geospatial-Intelligence Agency"),
    ],
    "ED": [
        ("ED-FSA", "Federal Student Aid"), ("IES", "Institute of Education Sciences"),
        ("OCR", "Office for Civil Rights"),
        ("OESE", "Office of Elementary and Secondary Education"),
        ("OSERS", "Office of Special Education and Rehabilitative Services"),
    ],
    "DOE": [
        ("NNSA", "National Nuclear Security Administration"),
        ("EIA", "Energy Information Administration"), ("BPA", "Bonneville Power Administration"),
        ("WAPA", "Western Area Power Administration"), ("DOE-SC", "Office of Science"),
        ("DOE-EM", "Office of Environmental Management"),
    ],
    "HHS": [
        ("ACF", "Administration for Children and Families"),
        ("ACL", "Administration for Community Living"),
        ("AHRQ", "Agency for Healthcare Research and Quality"),
        ("CDC", "Centers for Disease Control and Prevention"),
        ("CMS", "Centers for Medicare & Medicaid Services"),
        ("FDA", "Food and Drug Administration"),
        ("HRSA", "Health Resources and Services Administration"), ("IHS", "Indian Health Service"),
        ("NIH", "National Institutes of Health"),
        ("SAMHSA", "Substance Abuse and Mental Health Services Administration"),
        ("ASPR", "Administration for Strategic Preparedness and Response"),
    ],
    "DHS": [
        ("CBP", "U.S. Customs and Border Protection"),
        ("CISA", "Cybersecurity and Infrastructure Security Agency"),
        ("FEMA", "Federal Emergency Management Agency"),
        ("ICE", "U.S. Immigration and Customs Enforcement"),
        ("TSA", "Transportation Security Administration"), ("USCG", "U.S. Coast Guard"),
        ("USCIS", "U.S. Citizenship and Immigration Services"), ("USSS", "U.S. Secret Service"),
        ("FLETC", "Federal Law Enforcement Training Centers"),
        ("DHS-ST", "Science and Technology Directorate"),
    ],
    "HUD": [
        ("FHA", "Federal Housing Administration"), ("GNMA", "Government National Mortgage Association"),
        ("HUD-CPD", "Office of Community Planning and Development"),
        ("HUD-PIH", "Office of Public and Indian Housing"),
    ],
    "DOI": [
        ("BIA", "Bureau of Indian Affairs"), ("BIE", "Bureau of Indian Education"),
        ("BLM", "Bureau of Land Management"), ("BOEM", "Bureau of Ocean Energy Management"),
        ("BSEE", "Bureau of Safety and Environmental Enforcement"),
        ("BOR", "Bureau of Reclamation"), ("FWS", "U.S. Fish and Wildlife Service"),
        ("NPS", "National Park Service"),
        ("OSMRE", "Office of Surface Mining Reclamation and Enforcement"),
        ("USGS", "U.S. Geological Survey"),
    ],
    "DOJ": [
        ("FBI", "Federal Bureau of Investigation"), ("DEA", "Drug Enforcement Administration"),
        ("ATF", "Bureau of Alcohol, Tobacco, Firearms and Explosives"),
        ("USMS", "U.S. Marshals Service"), ("BOP", "Federal Bureau of Prisons"),
        ("EOUSA", "Executive Office for U.S. Attorneys"), ("OJP", "Office of Justice Programs"),
        ("EOIR", "Executive Office for Immigration Review"),
        ("OVW", "Office on Violence Against Women"),
    ],
    "DOL": [
        ("OSHA", "Occupational Safety and Health Administration"),
        ("MSHA", "Mine Safety and Health Administration"),
        ("ETA", "Employment and Training Administration"),
        ("EBSA", "Employee Benefits Security Administration"), ("WHD", "Wage and Hour Division"),
        ("BLS", "Bureau of Labor Statistics"), ("OWCP", "Office of Workers' Compensation Programs"),
        ("VETS", "Veterans' Employment and Training Service"),
        ("OFCCP", "Office of Federal Contract Compliance Programs"),
    ],
    "STATE": [
        ("STATE-CA", "Bureau of Consular Affairs"), ("STATE-DS", "Bureau of Diplomatic Security"),
        ("STATE-FSI", "Foreign Service Institute"),
    ],
    "DOT": [
        ("FAA", "Federal Aviation Administration"), ("FHWA", "Federal Highway Administration"),
        ("FMCSA", "Federal Motor Carrier Safety Administration"),
        ("FRA", "Federal Railroad Administration"), ("FTA", "Federal Transit Administration"),
        ("MARAD", "Maritime Administration"),
        ("NHTSA", "National Highway Traffic Safety Administration"),
        ("PHMSA", "Pipeline and Hazardous Materials Safety Administration"),
        ("GLS", "Great Lakes St. Lawrence Seaway Development Corporation"),
    ],
    "TREAS": [
        ("IRS", "Internal Revenue Service"), ("FISCAL", "Bureau of the Fiscal Service"),
        ("BEP", "Bureau of Engraving and Printing"), ("MINT", "United States Mint"),
        ("OCC", "Office of the Comptroller of the Currency"),
        ("TTB", "Alcohol and Tobacco Tax and Trade Bureau"),
        ("FINCEN", "Financial Crimes Enforcement Network"), ("CDFI", "CDFI Fund"),
        ("TREAS-DO", "Departmental Offices"),
    ],
    "VA": [
        ("VHA", "Veterans Health Administration"), ("VBA", "Veterans Benefits Administration"),
        ("NCA", "National Cemetery Administration"),
    ],
    "EPA": [
        ("EPA-OW", "Office of Water"), ("EPA-OAR", "Office of Air and Radiation"),
        ("EPA-ORD", "Office of Research and Development"),
    ],
    "NASA": [
        ("NASA-GSFC", "Goddard Space Flight Center"), ("NASA-JSC", "Johnson Space Center"),
        ("NASA-KSC", "Kennedy Space Center"), ("NASA-MSFC", "Marshall Space Flight Center"),
        ("NASA-LARC", "Langley Research Center"),
    ],
    "GSA": [
        ("GSA-FAS", "Federal Acquisition Service"), ("GSA-PBS", "Public Buildings Service"),
        ("GSA-TTS", "Technology Transformation Services"),
    ],
}

# Small and independent agencies (§3.2; those beyond the named customers are [E] additions)
INDEPENDENT_AGENCIES = [
    ("CPSC", "Consumer Product Safety Commission"), ("AFRH", "Armed Forces Retirement Home"),
    ("GAO", "Government Accountability Office"), ("CFTC", "Commodity Futures Trading Commission"),
    ("IMLS", "Institute of Museum and Library Services"), ("NEA", "National Endowment for the Arts"),
    ("FRTIB", "Federal Retirement Thrift Investment Board"), ("EOP", "Executive Office of the President"),
    ("USAGM", "U.S. Agency for Global Media"), ("ABMC", "American Battle Monuments Commission"),
    ("RRB", "Railroad Retirement Board"), ("STB", "Surface Transportation Board"),
    ("FDIC", "Federal Deposit Insurance Corporation"), ("SEC", "Securities and Exchange Commission"),
    ("FTC", "Federal Trade Commission"), ("FCC", "Federal Communications Commission"),
    ("FEC", "Federal Election Commission"), ("NARA", "National Archives and Records Administration"),
    ("PEACE", "Peace Corps"), ("NLRB", "National Labor Relations Board"),
    ("EEOC", "Equal Employment Opportunity Commission"),
    ("FERC", "Federal Energy Regulatory Commission"), ("SI", "Smithsonian Institution"),
    ("NEH", "National Endowment for the Humanities"), ("FMC", "Federal Maritime Commission"),
    ("MSPB", "Merit Systems Protection Board"), ("FLRA", "Federal Labor Relations Authority"),
    ("OSC", "Office of Special Counsel"), ("NTSB", "National Transportation Safety Board"),
    ("USITC", "U.S. International Trade Commission"),
    ("CSOSA", "Court Services and Offender Supervision Agency"),
    ("NCUA", "National Credit Union Administration"), ("FHFA", "Federal Housing Finance Agency"),
    ("CFPB", "Consumer Financial Protection Bureau"),
    ("FMCS", "Federal Mediation and Conciliation Service"),
    ("USTDA", "U.S. Trade and Development Agency"),
    ("CSB", "Chemical Safety and Hazard Investigation Board"),
    ("DNFSB", "Defense Nuclear Facilities Safety Board"), ("OGE", "Office of Government Ethics"),
]

# Providers (§2): code, name, type, home agency
PROVIDERS = [
    ("CISA-SVC", "CISA Cyber QSMO services", "federal", "DHS"),
    ("ARC", "Treasury Administrative Resource Center (ARC)", "federal", "TREAS"),
    ("ESC", "DOT/FAA Enterprise Services Center (ESC)", "federal", "DOT"),
    ("IBC", "DOI Interior Business Center (IBC)", "federal", "DOI"),
    ("NFC", "USDA National Finance Center (NFC)", "federal", "USDA"),
    ("NSSC", "NASA Shared Services Center (NSSC)", "federal", "NASA"),
    ("PSC", "HHS Program Support Center (PSC)", "federal", "HHS"),
    ("DFAS", "Defense Finance and Accounting Service (DFAS)", "federal", "DOD"),
    ("OPM-HRS", "OPM HR Solutions", "federal", "OPM"),
    ("GSA-PSB", "GSA Payroll Services Branch", "federal", "GSA"),
    ("GSA-AAS", "GSA Assisted Acquisition Services", "federal", "GSA"),
    ("ACF-GS", "HHS ACF GrantSolutions", "federal", "HHS"),
    ("NIH-ERA", "NIH electronic Research Administration (eRA)", "federal", "HHS"),
    ("GUIDEHOUSE", "Guidehouse", "commercial", ""),
    ("SAP", "SAP National Security Services", "commercial", ""),
    ("CGI", "CGI Federal", "commercial", ""),
    ("INFOR", "Infor (Carahsoft team)", "commercial", ""),
    ("UKG", "UKG (Kronos)", "commercial", ""),
    ("GRANTTHORNTON", "Grant Thornton", "commercial", ""),
]

# Solutions (§2): code, name, marketplace, provider, service area, pricing unit, unit price ($),
# description. Prices: payroll per employee per year within the $45-$150 range (§4.3, $77 average
# in 2003); Cyber QSMO services are no cost to FCEB agencies (§2.1); the rest are [E].
SOLUTIONS = [
    ("PDNS", "Protective DNS Resolver", "CYBER", "CISA-SVC", "DNS security", "per agency per year", 0.0,
     "Successor to EINSTEIN E3A, built by Accenture Federal Services with Cloudflare; GA Dec 2022; "
     "no cost to FCEB agencies."),
    ("VDP", "Vulnerability Disclosure Policy (VDP) Platform", "CYBER", "CISA-SVC",
     "Vulnerability management", "per agency per year", 0.0,
     "Run by Bugcrowd and EnDyna; full ATO March 2022; supports BOD 20-01 reporting."),
    ("MAV", "Mobile App Vetting (MAV)", "CYBER", "CISA-SVC", "Mobile security", "per agency per year",
     0.0, "Kryptowire SBIR phase III service; ATO February 2023; CBP and FEMA among named users."),
    ("CDM-SSP", "CDM Shared Service Platform", "CYBER", "CISA-SVC", "Continuous monitoring",
     "per agency per year", 0.0,
     "Multi-tenant CDM dashboard shared service for small agencies; ATO March 2018."),
    ("CYHY", "Cyber Hygiene Vulnerability Scanning", "CYBER", "CISA-SVC", "Vulnerability management",
     "per agency per year", 0.0, "Free vulnerability and web-application scanning."),
    ("SOCAAS", "SOC as a Service", "CYBER", "CISA-SVC", "Security operations", "per endpoint per month",
     0.0, "Security operations center services, one of the three designated focus areas."),
    ("ARC-FM", "ARC Core Financial Management", "FM", "ARC", "Core financial management",
     "per customer FTE per year", 310.0,
     "FM platform, AP/AR, payroll accounting and reporting from Treasury's franchise fund. [price E]"),
    ("ESC-DELPHI", "ESC Delphi Financial Services", "FM", "ESC", "Core financial management",
     "per customer FTE per year", 285.0, "Oracle-based Delphi platform serving 35 federal agencies. [price E]"),
    ("IBC-FM", "IBC Financial Management Services", "FM", "IBC", "Core financial management",
     "per customer FTE per year", 295.0, "Fee-for-service FM and indirect-cost services. [price E]"),
    ("NSSC-FM", "NSSC Financial Services", "FM", "NSSC", "Accounts payable and receivable",
     "per invoice", 14.0, "AP, AR and travel processing from Stennis, Mississippi. [price E]"),
    ("GH-FM", "Guidehouse Financial Management Cloud", "FM", "GUIDEHOUSE", "Core financial management",
     "per customer FTE per year", 340.0, "Commercial provider added to the FM Marketplace in 2025. [price E]"),
    ("SAP-FM", "SAP S/4HANA Public Sector Financials", "FM", "SAP", "Core financial management",
     "per customer FTE per year", 360.0, "Commercial provider added to the FM Marketplace in 2025. [price E]"),
    ("CGI-MOM", "CGI Momentum Financials", "FM", "CGI", "Core financial management",
     "per customer FTE per year", 330.0, "Commercial core financial system. [E]"),
    ("USA-STAFFING", "USA Staffing", "HR", "OPM-HRS", "Talent acquisition", "per job announcement",
     160.0, "Talent acquisition system bought through an IAA with OPM. [price E]"),
    ("USA-HIRE", "USA Hire", "HR", "OPM-HRS", "Hiring assessment", "per applicant assessed", 28.0,
     "About 1M applicants assessed for over 20,000 announcements in FY2024. [price E]"),
    ("HR20-CORE", "Federal HR 2.0 Core HCM Platform", "HR", "OPM-HRS", "Core HCM",
     "per employee per year", 95.0,
     "Single government-wide HR system consolidating at least 119 HR systems; wave 1 FY2026, "
     "wave 2 FY2027. [price E]"),
    ("NFC-PAY", "NFC Payroll/Personnel", "HR", "NFC", "Payroll", "per employee per year", 77.0,
     "Payroll for over 650,000 employees across 172 agencies."),
    ("IBC-PAY", "IBC HR and Payroll Services", "HR", "IBC", "Payroll", "per employee per year", 82.0,
     "Payroll with published SLAs: 99.8 % accuracy, 99.9 % timely disbursement."),
    ("DFAS-PAY", "DFAS Civilian Pay", "HR", "DFAS", "Payroll", "per employee per year", 65.0,
     "Civilian pay for DoD and non-DoD customers. [price E]"),
    ("GSA-PAY", "GSA Payroll Services", "HR", "GSA-PSB", "Payroll", "per employee per year", 90.0,
     "One of the four e-Payroll providers. [price E]"),
    ("INFOR-HCM", "Infor HCM for Government", "HR", "INFOR", "Core HCM", "per employee per year", 120.0,
     "Commercial HCM from the NewPay BPA team. [price E]"),
    ("UKG-WSLM", "UKG Work Schedule and Leave Management", "HR", "UKG", "Time and attendance",
     "per employee per year", 48.0, "Commercial WSLM solution from the NewPay BPA. [price E]"),
    ("GRANTSOLUTIONS", "GrantSolutions", "GRANTS", "ACF-GS", "Full-lifecycle grants management",
     "per award per year", 950.0, "Used by ACF, CMS, USDA AMS and NPS. [price E]"),
    ("PMS", "Payment Management System (PMS)", "GRANTS", "PSC", "Grant payments", "per payment",
     6.5, "Processes over 70 % of civilian grant payments; next-business-day payment standard. [price E]"),
    ("RDI", "Recipient Data Insights (RDI)", "GRANTS", "PSC", "Pre-award risk", "per agency per year",
     45000.0, "Pre-award recipient risk tool offered at reduced cost through the marketplace. [price E]"),
    ("ERA", "NIH eRA Grants Modules", "GRANTS", "NIH-ERA", "Grants management", "per award per year",
     1100.0, "Grants management modules; marketplace listing not confirmed. [E]"),
    ("GT-GRANTS", "Grant Thornton Grants Management", "GRANTS", "GRANTTHORNTON", "Grants management",
     "per award per year", 1250.0, "Commercial grants management solution. [E]"),
    ("AAS", "GSA Assisted Acquisition Services", "ACQ", "GSA-AAS", "Assisted acquisition",
     "percent of obligations", 2.0, "Assisted acquisition through GSA. [fee E]"),
    ("ACQ-CWS", "Shared Contract Writing System", "ACQ", "GSA-AAS", "Contract writing",
     "per user per year", 1800.0, "Shared contract-writing service for civilian agencies. [E]"),
]

# Service measures (§4.4): code, marketplace, name, unit, higher is better, target, near margin,
# source
MEASURES = [
    ("CY-AVAIL", "CYBER", "Service availability", "%", True, 99.99, 0.04,
     "USDA OCIO availability target 99.99 % (§4.4) [S->E]"),
    ("CY-ONBOARD", "CYBER", "Onboarding time", "days", False, 30.0, 10.0, "[E]"),
    ("FM-PROMPT", "FM", "Prompt Payment Act compliance", "%", True, 99.5, 0.5,
     "Treasury ARC AP target 99.5 % (§4.4) [S]"),
    ("FM-PROPER", "FM", "Proper payments", "%", True, 99.5, 0.5, "Treasury ARC AP target 99.5 % [S]"),
    ("FM-AVAIL", "FM", "Core system availability", "%", True, 99.5, 0.3, "[S->E]"),
    ("HR-PAYACC", "HR", "Payroll accuracy", "%", True, 99.8, 0.2, "DOI IBC FY2024 SLA 99.8 % [S]"),
    ("HR-PAYTIME", "HR", "Timely payroll disbursement", "%", True, 99.9, 0.1, "DOI IBC SLA 99.9 % [S]"),
    ("HR-TTH", "HR", "Time to hire", "days", False, 80.0, 15.0,
     "OPM goal 80 days; 101.2 days actual FY2023 (§4.4) [S]"),
    ("HR-AVAIL", "HR", "Platform availability", "%", True, 99.5, 0.3, "[E]"),
    ("GR-PAYDAYS", "GRANTS", "Grant payment turnaround", "business days", False, 1.0, 0.5,
     "HHS PMS next business day (§4.4) [S]"),
    ("GR-AWARD", "GRANTS", "Time to award", "days", False, 90.0, 15.0, "60-90 days typical [S, one program]"),
    ("GR-AVAIL", "GRANTS", "System availability", "%", True, 99.5, 0.3, "[E]"),
    ("AQ-AVAIL", "ACQ", "System availability", "%", True, 99.5, 0.3, "[E]"),
    ("AQ-CYCLE", "ACQ", "Procurement cycle time", "days", False, 60.0, 15.0, "[E]"),
]

# Which measures each solution reports.
SOLUTION_MEASURES = {
    "PDNS": ["CY-AVAIL", "CY-ONBOARD"], "VDP": ["CY-AVAIL", "CY-ONBOARD"],
    "MAV": ["CY-AVAIL", "CY-ONBOARD"], "CDM-SSP": ["CY-AVAIL"], "CYHY": ["CY-AVAIL"],
    "SOCAAS": ["CY-AVAIL", "CY-ONBOARD"],
    "ARC-FM": ["FM-PROMPT", "FM-PROPER", "FM-AVAIL"], "ESC-DELPHI": ["FM-PROMPT", "FM-PROPER", "FM-AVAIL"],
    "IBC-FM": ["FM-PROMPT", "FM-PROPER", "FM-AVAIL"], "NSSC-FM": ["FM-PROMPT", "FM-PROPER"],
    "GH-FM": ["FM-PROMPT", "FM-AVAIL"], "SAP-FM": ["FM-PROMPT", "FM-AVAIL"],
    "CGI-MOM": ["FM-PROMPT", "FM-AVAIL"],
    "USA-STAFFING": ["HR-TTH", "HR-AVAIL"], "USA-HIRE": ["HR-TTH", "HR-AVAIL"],
    "HR20-CORE": ["HR-AVAIL", "HR-PAYACC"], "NFC-PAY": ["HR-PAYACC", "HR-PAYTIME"],
    "IBC-PAY": ["HR-PAYACC", "HR-PAYTIME"], "DFAS-PAY": ["HR-PAYACC", "HR-PAYTIME"],
    "GSA-PAY": ["HR-PAYACC", "HR-PAYTIME"], "INFOR-HCM": ["HR-AVAIL", "HR-PAYACC"],
    "UKG-WSLM": ["HR-AVAIL"],
    "GRANTSOLUTIONS": ["GR-AWARD", "GR-AVAIL"], "PMS": ["GR-PAYDAYS", "GR-AVAIL"], "RDI": ["GR-AVAIL"],
    "ERA": ["GR-AWARD", "GR-AVAIL"], "GT-GRANTS": ["GR-AWARD", "GR-AVAIL"],
    "AAS": ["AQ-CYCLE"], "ACQ-CWS": ["AQ-AVAIL", "AQ-CYCLE"],
}

# Federal HR 2.0 waves (§1): wave 1 in FY2026, wave 2 in FY2027.
HR20_WAVE_1 = ["OPM", "DHS", "USDA", "HHS", "DOI", "DOT", "VA", "EPA"]
HR20_WAVE_2 = ["DOC", "ED", "HUD", "DOL", "STATE", "DOE", "DOJ", "DOD", "TREAS", "SBA", "SSA", "GSA", "NASA"]

# Sourced individual engagements (§2, §3.2): org, solution, go-live, note
SOURCED_ENGAGEMENTS = [
    ("OPM", "ESC-DELPHI", date(2021, 5, 15), "OPM migrated to ESC in May 2021 after two years"),
    ("CPSC", "ARC-FM", date(2014, 10, 1), "ARC customer"),
    ("AFRH", "ARC-FM", date(2015, 10, 1), "ARC customer"),
    ("GAO", "ESC-DELPHI", date(2013, 10, 1), "ESC customer"),
    ("CFTC", "ESC-DELPHI", date(2014, 4, 1), "ESC customer"),
    ("IMLS", "ESC-DELPHI", date(2014, 10, 1), "ESC customer"),
    ("NEA", "ESC-DELPHI", date(2015, 4, 1), "ESC customer"),
    ("FRTIB", "IBC-FM", date(2006, 6, 1), "IBC customer since 2006"),
    ("EOP", "DFAS-PAY", date(2012, 1, 1), "DFAS non-DoD customer"),
    ("USAGM", "DFAS-PAY", date(2012, 1, 1), "DFAS non-DoD customer"),
    ("DHS", "VDP", date(2021, 9, 1), "VDP early adopter"),
    ("DOL", "VDP", date(2021, 9, 1), "VDP early adopter"),
    ("DOI", "VDP", date(2021, 10, 1), "VDP early adopter"),
    ("CBP", "MAV", date(2022, 6, 1), "Named MAV user"),
    ("FEMA", "MAV", date(2022, 8, 1), "Named MAV user"),
    ("ACF", "GRANTSOLUTIONS", date(2016, 10, 1), "GrantSolutions user"),
    ("CMS", "GRANTSOLUTIONS", date(2017, 10, 1), "GrantSolutions user"),
    ("AMS", "GRANTSOLUTIONS", date(2019, 10, 1), "GrantSolutions user"),
    ("NPS", "GRANTSOLUTIONS", date(2019, 4, 1), "GrantSolutions user"),
    ("TREAS", "USA-STAFFING", date(2016, 10, 1), "Chose USA Staffing"),
    ("DOI", "USA-STAFFING", date(2017, 4, 1), "Chose USA Staffing"),
    ("NASA", "USA-STAFFING", date(2017, 10, 1), "Chose USA Staffing"),
]

# Components still modernizing core FM in 2026 (GAO-26-107863, §5): seeded at risk.
AT_RISK_FM = ["USCG", "FEMA", "ICE"]
