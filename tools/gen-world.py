# gen-world.py - writes schema/world.yaml (python3 tools/gen-world.py > schema/world.yaml).
# generates schema/world.yaml: countries (label; aliases incl. demonyms), capitals, IGOs
countries = [
# id, label, aliases, demonyms, capital
("afghanistan","Afghanistan",[],["Afghan"],"Kabul"),
("albania","Albania",[],["Albanian"],"Tirana"),
("algeria","Algeria",[],["Algerian"],"Algiers"),
("angola","Angola",[],["Angolan"],"Luanda"),
("argentina","Argentina",[],["Argentine","Argentinian"],"Buenos Aires"),
("armenia","Armenia",[],["Armenian"],"Yerevan"),
("australia","Australia",[],["Australian"],"Canberra"),
("austria","Austria",[],["Austrian"],"Vienna"),
("azerbaijan","Azerbaijan",[],["Azerbaijani"],"Baku"),
("bahrain","Bahrain",[],["Bahraini"],"Manama"),
("bangladesh","Bangladesh",[],["Bangladeshi"],"Dhaka"),
("belarus","Belarus",[],["Belarusian"],"Minsk"),
("belgium","Belgium",[],["Belgian"],"Brussels"),
("benin","Benin",[],["Beninese"],"Porto-Novo"),
("bolivia","Bolivia",[],["Bolivian"],"La Paz"),
("bosnia_and_herzegovina","Bosnia and Herzegovina",["Bosnia"],["Bosnian"],"Sarajevo"),
("botswana","Botswana",[],[],"Gaborone"),
("brazil","Brazil",[],["Brazilian"],"Brasília"),
("bulgaria","Bulgaria",[],["Bulgarian"],"Sofia"),
("burkina_faso","Burkina Faso",[],[],"Ouagadougou"),
("cambodia","Cambodia",[],["Cambodian"],"Phnom Penh"),
("cameroon","Cameroon",[],["Cameroonian"],"Yaoundé"),
("canada","Canada",[],["Canadian"],"Ottawa"),
("chad","Chad",[],["Chadian"],"N'Djamena"),
("chile","Chile",[],["Chilean"],"Santiago"),
("china","China",["People's Republic of China","PRC","mainland China"],["Chinese"],"Beijing"),
("colombia","Colombia",[],["Colombian"],"Bogotá"),
("democratic_republic_of_the_congo","Democratic Republic of the Congo",["DR Congo","DRC"],["Congolese"],"Kinshasa"),
("costa_rica","Costa Rica",[],["Costa Rican"],"San José"),
("croatia","Croatia",[],["Croatian"],"Zagreb"),
("cuba","Cuba",[],["Cuban"],"Havana"),
("cyprus","Cyprus",[],["Cypriot"],"Nicosia"),
("czech_republic","Czech Republic",["Czechia"],["Czech"],"Prague"),
("denmark","Denmark",[],["Danish"],"Copenhagen"),
("dominican_republic","Dominican Republic",[],["Dominican"],"Santo Domingo"),
("ecuador","Ecuador",[],["Ecuadorian"],"Quito"),
("egypt","Egypt",[],["Egyptian"],"Cairo"),
("el_salvador","El Salvador",[],["Salvadoran"],"San Salvador"),
("eritrea","Eritrea",[],["Eritrean"],"Asmara"),
("estonia","Estonia",[],["Estonian"],"Tallinn"),
("ethiopia","Ethiopia",[],["Ethiopian"],"Addis Ababa"),
("fiji","Fiji",[],["Fijian"],"Suva"),
("finland","Finland",[],["Finnish"],"Helsinki"),
("france","France",[],["French"],"Paris"),
("gabon","Gabon",[],["Gabonese"],"Libreville"),
("georgia","Georgia",[],["Georgian"],"Tbilisi"),
("germany","Germany",[],["German"],"Berlin"),
("ghana","Ghana",[],["Ghanaian"],"Accra"),
("greece","Greece",[],["Greek"],"Athens"),
("guatemala","Guatemala",[],["Guatemalan"],"Guatemala City"),
("guinea","Guinea",[],["Guinean"],"Conakry"),
("haiti","Haiti",[],["Haitian"],"Port-au-Prince"),
("honduras","Honduras",[],["Honduran"],"Tegucigalpa"),
("hungary","Hungary",[],["Hungarian"],"Budapest"),
("iceland","Iceland",[],["Icelandic"],"Reykjavík"),
("india","India",[],["Indian"],"New Delhi"),
("indonesia","Indonesia",[],["Indonesian"],"Jakarta"),
("iran","Iran",["Islamic Republic of Iran"],["Iranian"],"Tehran"),
("iraq","Iraq",[],["Iraqi"],"Baghdad"),
("ireland","Ireland",["Republic of Ireland"],["Irish"],"Dublin"),
("israel","Israel",[],["Israeli"],"Jerusalem"),
("italy","Italy",[],["Italian"],"Rome"),
("ivory_coast","Ivory Coast",["Côte d'Ivoire"],["Ivorian"],"Yamoussoukro"),
("jamaica","Jamaica",[],["Jamaican"],"Kingston"),
("japan","Japan",[],["Japanese"],"Tokyo"),
("jordan","Jordan",[],["Jordanian"],"Amman"),
("kazakhstan","Kazakhstan",[],["Kazakh"],"Astana"),
("kenya","Kenya",[],["Kenyan"],"Nairobi"),
("kosovo","Kosovo",[],["Kosovar"],"Pristina"),
("kuwait","Kuwait",[],["Kuwaiti"],"Kuwait City"),
("kyrgyzstan","Kyrgyzstan",[],["Kyrgyz"],"Bishkek"),
("laos","Laos",[],["Laotian"],"Vientiane"),
("latvia","Latvia",[],["Latvian"],"Riga"),
("lebanon","Lebanon",[],["Lebanese"],"Beirut"),
("liberia","Liberia",[],["Liberian"],"Monrovia"),
("libya","Libya",[],["Libyan"],"Tripoli"),
("lithuania","Lithuania",[],["Lithuanian"],"Vilnius"),
("luxembourg","Luxembourg",[],[],None),
("madagascar","Madagascar",[],["Malagasy"],"Antananarivo"),
("malawi","Malawi",[],["Malawian"],"Lilongwe"),
("malaysia","Malaysia",[],["Malaysian"],"Kuala Lumpur"),
("mali","Mali",[],["Malian"],"Bamako"),
("malta","Malta",[],["Maltese"],"Valletta"),
("mexico","Mexico",[],["Mexican"],"Mexico City"),
("moldova","Moldova",[],["Moldovan"],"Chișinău"),
("mongolia","Mongolia",[],["Mongolian"],"Ulaanbaatar"),
("montenegro","Montenegro",[],["Montenegrin"],"Podgorica"),
("morocco","Morocco",[],["Moroccan"],"Rabat"),
("mozambique","Mozambique",[],["Mozambican"],"Maputo"),
("myanmar","Myanmar",["Burma"],["Burmese"],"Naypyidaw"),
("namibia","Namibia",[],["Namibian"],"Windhoek"),
("nepal","Nepal",[],["Nepalese","Nepali"],"Kathmandu"),
("netherlands","Netherlands",["the Netherlands","Holland"],["Dutch"],"Amsterdam"),
("new_zealand","New Zealand",[],[],"Wellington"),
("nicaragua","Nicaragua",[],["Nicaraguan"],"Managua"),
("niger","Niger",[],["Nigerien"],"Niamey"),
("nigeria","Nigeria",[],["Nigerian"],"Abuja"),
("north_korea","North Korea",["DPRK","the North","Democratic People's Republic of Korea"],["North Korean"],"Pyongyang"),
("north_macedonia","North Macedonia",["Macedonia"],["Macedonian"],"Skopje"),
("norway","Norway",[],["Norwegian"],"Oslo"),
("oman","Oman",[],["Omani"],"Muscat"),
("pakistan","Pakistan",[],["Pakistani"],"Islamabad"),
("palestine","Palestine",["State of Palestine","Palestinian territories"],["Palestinian"],None),
("panama","Panama",[],["Panamanian"],"Panama City"),
("papua_new_guinea","Papua New Guinea",[],[],"Port Moresby"),
("paraguay","Paraguay",[],["Paraguayan"],"Asunción"),
("peru","Peru",[],["Peruvian"],"Lima"),
("philippines","Philippines",["the Philippines"],["Filipino","Philippine"],"Manila"),
("poland","Poland",[],["Polish"],"Warsaw"),
("portugal","Portugal",[],["Portuguese"],"Lisbon"),
("qatar","Qatar",[],["Qatari"],"Doha"),
("romania","Romania",[],["Romanian"],"Bucharest"),
("russia","Russia",["Russian Federation"],["Russian"],"Moscow"),
("rwanda","Rwanda",[],["Rwandan"],"Kigali"),
("saudi_arabia","Saudi Arabia",[],["Saudi"],"Riyadh"),
("senegal","Senegal",[],["Senegalese"],"Dakar"),
("serbia","Serbia",[],["Serbian"],"Belgrade"),
("sierra_leone","Sierra Leone",[],[],"Freetown"),
("singapore","Singapore",["Republic of Singapore"],["Singaporean"],None),
("slovakia","Slovakia",[],["Slovak"],"Bratislava"),
("slovenia","Slovenia",[],["Slovenian"],"Ljubljana"),
("somalia","Somalia",[],["Somali"],"Mogadishu"),
("south_africa","South Africa",[],["South African"],"Pretoria"),
("south_korea","South Korea",["ROK","the South","Republic of Korea"],["South Korean"],"Seoul"),
("south_sudan","South Sudan",[],["South Sudanese"],"Juba"),
("spain","Spain",[],["Spanish"],"Madrid"),
("sri_lanka","Sri Lanka",[],["Sri Lankan"],"Colombo"),
("sudan","Sudan",[],["Sudanese"],"Khartoum"),
("sweden","Sweden",[],["Swedish"],"Stockholm"),
("switzerland","Switzerland",[],["Swiss"],"Bern"),
("syria","Syria",[],["Syrian"],"Damascus"),
("taiwan","Taiwan",["Republic of China"],["Taiwanese"],"Taipei"),
("tajikistan","Tajikistan",[],["Tajik"],"Dushanbe"),
("tanzania","Tanzania",[],["Tanzanian"],"Dodoma"),
("thailand","Thailand",[],["Thai"],"Bangkok"),
("tunisia","Tunisia",[],["Tunisian"],"Tunis"),
("turkey","Turkey",["Türkiye"],["Turkish"],"Ankara"),
("turkmenistan","Turkmenistan",[],["Turkmen"],"Ashgabat"),
("uganda","Uganda",[],["Ugandan"],"Kampala"),
("ukraine","Ukraine",[],["Ukrainian"],"Kyiv"),
("united_arab_emirates","United Arab Emirates",["UAE"],["Emirati"],"Abu Dhabi"),
("united_kingdom","United Kingdom",["UK","U.K.","Britain","Great Britain"],["British"],"London"),
("united_states","United States",["U.S.","US","USA","U.S.A.","United States of America","America"],["American"],"Washington"),
("uruguay","Uruguay",[],["Uruguayan"],"Montevideo"),
("uzbekistan","Uzbekistan",[],["Uzbek"],"Tashkent"),
("venezuela","Venezuela",[],["Venezuelan"],"Caracas"),
("vietnam","Vietnam",["Viet Nam"],["Vietnamese"],"Hanoi"),
("yemen","Yemen",[],["Yemeni"],"Sanaa"),
("zambia","Zambia",[],["Zambian"],"Lusaka"),
("zimbabwe","Zimbabwe",[],["Zimbabwean"],"Harare"),
]
# cities that are capitals but whose names are ambiguous with other things: skip stands_for for them
no_metonymy = {"Kingston","Santiago","Georgia","Jordan","Victoria"}
igos = [
("united_nations","United Nations","InternationalOrganization",["UN","U.N."]),
("un_security_council","United Nations Security Council","InternationalOrganization",["UN Security Council","U.N. Security Council","Security Council"]),
("european_union","European Union","InternationalOrganization",["EU","E.U."]),
("european_commission","European Commission","InternationalOrganization",[]),
("nato","NATO","InternationalOrganization",["North Atlantic Treaty Organization"]),
("african_union","African Union","InternationalOrganization",["AU"]),
("asean","ASEAN","InternationalOrganization",["Association of Southeast Asian Nations"]),
("who","World Health Organization","InternationalOrganization",["WHO"]),
("wto","World Trade Organization","InternationalOrganization",["WTO"]),
("imf","International Monetary Fund","InternationalOrganization",["IMF"]),
("world_bank","World Bank","InternationalOrganization",[]),
("opec","OPEC","InternationalOrganization",["Organization of the Petroleum Exporting Countries"]),
("iaea","International Atomic Energy Agency","InternationalOrganization",["IAEA"]),
("interpol","Interpol","InternationalOrganization",[]),
("icc","International Criminal Court","InternationalOrganization",["ICC"]),
("unesco","UNESCO","InternationalOrganization",[]),
("unicef","UNICEF","InternationalOrganization",[]),
("red_cross","International Committee of the Red Cross","InternationalOrganization",["Red Cross","ICRC"]),
("g7","G7","InternationalOrganization",["Group of Seven"]),
("g20","G20","InternationalOrganization",["Group of Twenty"]),
]
same_as = {"north_korea":"Q423","south_korea":"Q884","united_states":"Q30","china":"Q148","singapore":"Q334",
           "seoul":"Q8684","pyongyang":"Q18808","washington":"Q61","united_nations":"Q1065"}
city_alias = {"Seoul":["the South Korean capital"],"Pyongyang":["the North Korean capital"]}
def q(s):
    return '"' + s.replace('\\','\\\\').replace('"','\\"') + '"'
out = []
out.append("# world.yaml - countries, capitals and international organisations.")
out.append("#")
out.append("# A general gazetteer imported by news.yaml, so any news article gets its")
out.append("# countries, capitals and international bodies recognised and typed.")
out.append("# Demonyms (\"South Korean\", \"Chinese\") are aliases of their country:")
out.append("# \"South Korean President Moon Jae-in\" then reads as Moon, president of")
out.append("# South Korea.  A capital `stands_for` its country when it acts as an agent")
out.append("# (\"Seoul and Washington disagree\").  Ids are snake_case English names.")
out.append("#")
out.append("# This file uses the classes of news.yaml, which imports it: it is not an")
out.append("# ontology on its own.  Check it with `kgraph check-ontology schema/news.yaml`.")
out.append("# Generated by tools/gen-world.py; edit that and regenerate.")
out.append("id: https://kgraph.example.org/ontology/world")
out.append("name: world")
out.append("prefixes:")
out.append("  ent: https://kgraph.example.org/entity/")
out.append("  wd: http://www.wikidata.org/entity/")
out.append("default_prefix: ent")
out.append("entities:")
for cid,label,aliases,dems,cap in countries:
    out.append(f"  {cid}:")
    out.append(f"    class: Country")
    out.append(f"    label: {q(label)}")
    al = aliases + dems
    if al:
        out.append("    aliases: [" + ", ".join(q(a) for a in al) + "]")
    if cid in same_as: out.append(f"    same_as: [wd:{same_as[cid]}]")
cities = []
for cid,label,aliases,dems,cap in countries:
    if not cap: continue
    capid = cap.lower().replace(" ","_").replace("'","").replace("-","_")
    import unicodedata
    capid = ''.join(c for c in unicodedata.normalize('NFKD', capid) if not unicodedata.combining(c))
    capid = capid.replace("ș","s")
    if capid in [c[0] for c in countries]: capid += "_city"
    cities.append((capid, cap, cid))
for capid, cap, cid in cities:
    out.append(f"  {capid}:")
    out.append(f"    class: City")
    out.append(f"    label: {q(cap)}")
    extra = []
    if cap == "Washington": extra = ["Washington, D.C.", "Washington D.C."]
    if cap == "Kyiv": extra = ["Kiev"]
    extra += city_alias.get(cap, [])
    if extra: out.append("    aliases: [" + ", ".join(q(a) for a in extra) + "]")
    if cap not in no_metonymy:
        out.append(f"    stands_for: {cid}")
    if capid in same_as: out.append(f"    same_as: [wd:{same_as[capid]}]")
for oid,label,cls,al in igos:
    out.append(f"  {oid}:")
    out.append(f"    class: {cls}")
    out.append(f"    label: {q(label)}")
    if al: out.append("    aliases: [" + ", ".join(q(a) for a in al) + "]")
    if oid in same_as: out.append(f"    same_as: [wd:{same_as[oid]}]")
print("\n".join(out))
