"""Word lists for finding people: given names, honorifics and role words, and
the capitalised words that are never part of a person's name here."""

GIVEN_NAMES = frozenset("""
Abbas Abdul Abdullah Abdolreza Abdolhamid Abolfazl Abolghasem Abolhassan Abu Adel Adil Afshin Ahmad Ahmed
Akbar Alaeddin Ali Alireza Allahyar Amin Amina Amir Amirhossein Arash Asghar Ashraf Ayman Azadeh Babak
Bahram Bashar Behnam Behrouz Bijan Bilal Ebrahim Ehsan Elham Esmail Eshaq Farah Farhad Faezeh Fahad Faisal
Farideh Farzad Fatemeh Fatima Ghasem Gholam Gholamreza Gholamhossein Golnar Habib Hadi Hafez Haider Hamed
Hamid Hamidreza Hamza Hashem Hassan Hasan Heshmat Hojjat Hossein Hussein Ibrahim Iraj Isa Ishaq Ismail
Jafar Jalal Jamal Jamshid Javad Javid Jubin Kamal Kamran Karim Kaveh Kazem Khaled Khalid Kian Leila Layla
Mahdi Mahmoud Mahnaz Mahsa Majid Mansour Marjan Maryam Mariam Marwan Masoud Massoud Matiyar Mehdi Mehrdad
Mitra Mohammad Mohammed Muhammad Mohamed Mohammadreza Mohsen Mojtaba Morteza Mostafa Mustafa Musa Moqtada
Nader Narges Nasrin Nasser Navid Nawaz Nazanin Nouri Noushin Nushin Omar Omid Osama Parisa Parviz Payam
Peyman Pooya Pouya Qasem Qassem Rafiq Rafik Rahim Ramin Rashid Reyhaneh Reza Rouhollah Ruhollah Saad Saddam
Sadegh Sadeq Saeed Saeid Said Salman Sami Samir Sara Sarah Sarina Shahab Shahin Shahram Shirin Siavash Soheil
Soleiman Sohrab Tahereh Taghi Tariq Turki Vahid Vida Yahya Yaser Yasser Yousef Youssef Yusuf Zahra Zainab
Zeinab Ziad Homa Nasim Neda Roya Shima Sima Soraya Mina Manouchehr Jalil Aziz Nima Pegah Atena Arzhang
Aaron Adam Alan Albert Alejo Alexander Alexis Alice Amanda Amy Andrea Andrew Angela Ann Anna Anthony Antony
Antonio Ariel Arthur Avigdor Barack Barbara Benjamin Benny Bernard Bernie Betty Bill Billy Bob Boris Brian
Bruce Carl Carlos Catherine Charles Chris Christian Christopher Chuck Claire Colin Daniel David Dennis Diana
Dmitry Dominique Donald Douglas Edward Ehud Eliot Elizabeth Elliott Emanuele Emily Emma Emmanuel Eric Ethan
Federica Francis Frank François Francois Gary George Gerald Gérard Gerard Giulio Giuseppe Gordon Greg Gregory
Hans Harold Heather Helen Henry Hillary Ileana Ingrid Ivan Jack Jacques James Jane Janet Jason Javier
Jean Jean-Yves Jeff Jeffrey Jennifer Jeremy Jerry Jim Joe John Johnny Jonathan Jose José Josep Joseph Joshua
Juan Judith Julia Julie Justin Kamala Karen Katherine Kathleen Keith Kelly Kenneth Kevin Kim Kirsten
Larry Laura Lindsey Linda Lisa Louis Luis Marco Maria Marie Mario Mark Marc Martin Mary Matteo Matthew
Megan Michael Michel Michelle Mike Mitch Mitchell Mitt Moshe Naftali Nancy Narendra Natalie Newt Nicholas
Nick Nicolas Nigel Nikki Olivia Pamela Patricia Patrick Paul Pedro Peter Philip Philippe Pierre Rachel Ralph
Raymond Recep Rex Richard Rick Robert Ron Ronald Rudy Rudolph Russell Ruth Ryan Ryszard Samantha Scott Sean
Sergei Sergey Shimon Shinzo Sigmar Silvio Stephen Steven Steve Struan Susan Tarja Ted Teresa Theresa Thomas
Tim Timothy Tom Tony Tulsi Ursula Victoria Vincent Vladimir Walter Wayne William Wolfgang Xi Yair Zoë Zoe
Linda Judy Joan Rose Grace Paula Rudi Kurt Karl Klaus Lars Jan Anders Pieter Hendrik Gianni Luca Marta
""".split())

# Words that stand before a name and say it is a person's; dropped from the name.
HONORIFICS = frozenset("""
Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Baroness Rev Reverend Sheikh Shaikh Mullah Ayatollah
Hojatoleslam Hojjatoleslam Imam Sayyed Seyed Seyyed Haj Hajj President President-elect Vice Supreme Leader
Senator Sen Rep Representative Congressman Congresswoman MEP MP MPs Speaker General Brigadier Major Lieutenant
Colonel Col Captain Capt Admiral Commander Gen Lt Sgt Sergeant Minister Prime Foreign Defence Defense Interior
Deputy Assistant Secretary State Ambassador Chancellor Governor Mayor Judge Justice King Queen Prince Princess
Crown Emir Sultan Chairman Chairwoman Chair Director Chief Head Spokesman Spokeswoman Spokesperson Prosecutor
Prosecutor-General Attorney Former Ex Late Mrs. Mr. Dr. Ms. Advisor Adviser Envoy Activist Rapporteur
Cleric Commissioner Premier Councillor Councilor IRGC Senior Regime Regime's Iranian Iran's US U.S. UN EU
Iraqi Syrian Russian French British German American Israeli Saudi Canadian Italian Lebanese Yemeni
Ayatollah. Gen. Lt. Col. Rep. Sen. Rev. Prof. Brig.
""".split())

# Role words alone never name a person ("the Supreme Leader", "the President").
ROLE_ONLY = frozenset({"Supreme Leader", "President", "Leader", "Speaker", "Minister", "Prime Minister"})

# A capitalised word from this list means the sequence is not a person.
NOT_NAME_WORDS = frozenset("""
Iran Iranian Iranians Iraq Iraqi Syria Syrian Tehran Paris London Washington Europe European America American
Americans Israel Israeli Russia Russian Saudi Arabia Arabian Yemen Yemeni Lebanon Lebanese Bahrain Canada
Canadian France French Britain British Germany German Italy Italian Poland Ukraine China Chinese Japan
Japanese Turkey Turkish Qatar Kuwait Oman Egypt Afghanistan Pakistan India Kurdistan Khuzestan Kermanshah
Ahvaz Mashhad Isfahan Shiraz Tabriz Qom Karaj Strasbourg Brussels Geneva Vienna Berlin Helsinki Baghdad
Damascus Beirut Riyadh Sana'a Tokyo Moscow Ottawa Villepinte Ashraf Liberty Albania Tirana Gulf Middle East
West Western North South Southern Northern Eastern Central Persian Arab Arabic Islam Islamic Muslim Muslims
Shiite Sunni Kurdish Kurds Baluch Baluchestan Sistan Regime Council Parliament Parliamentary Committee
Organization Organisation Guards Guard Corps Ministry Resistance Union Nations Republic House Street Square
Avenue Agency News Party Front Channel Institute Foundation Times Post Press Bank University School Assembly
Court Department Office Force Forces Army Police Airport Province City Prison Convention Revolution
Revolutionary Deal Plan Action Program Programme Project Movement Group Commission Coalition Network Association
Society Center Centre Rights Human Amnesty International National United Free Freedom Death Change Uprising
Protest Protests Massacre Media TV Radio Magazine Journal Forbes Guardian Economist Hill Diplomat Townhall
Fox CBS CNN BBC Reuters Arabiya Al-Arabiya Tasnim Fars Sharq Etemad Mashreq Mojahedin Mujahedeen PMOI MEK
NCRI IRGC MOIS JCPOA FATF FAFT OPEC UNTOC EIB FDD FOFI OCP Quds Hezbollah Houthi Houthis Taliban ISIS Basij
Bassij Khalq Sepah Majlis Experts Presidium Security Intelligence Defense Defence Foreign Affairs Policy
Nuclear Comprehensive Joint Plan Convention Global Task Financial Economic Money Oil Crude Energy Stock
Exchange Trade Trading Internet Instagram Telegram Twitter Facebook YouTube Google Women Women's Youth Students
Workers Teachers Farmers Truckers Drivers Nationwide Strike Rally Day Week Month Year January February March
April May June July August September October November December Monday Tuesday Wednesday Thursday Friday
Saturday Sunday Christmas Nowruz Ramadan Mr Mrs Ms Dr God Allah Prophet Koran Quran Supreme Leader President
Mullahs Mullah's Ayatollahs Clerics Regime's Iran's Khomeinist Christian Jewish Baha'i Bahai Zoroastrian
State States Kingdom Emirates Federal Capitol Congress Senate Congressional Administration Cabinet Government
Governments White Black Red Blue Green Evin Qarchak Gohardasht Rajaei-Shahr Fashafouyeh Camp Base Bases
Town Village Villages Region Regional District County Capital Seas Sea Ocean Strait Hormuz Caspian River
Karun Mountain Mountains Lake Dam Desert Company Corporation Ltd Inc Group's Daily Online Agency's Channel's
Eleventh New Round Nationwide Anti-Regime Major Chants Clashes People People's Security Agents Video Clip
Breaking Update Updates Exclusive Watch Read Source Sources Photo Photos Image Images Report Reports Statement
Letter Open Appeal Petition Call Calls Iran-Iraq Iran-Contra Sunday's Bahraini Trumpet Brookings Face
Simaye Azadi Hijab Veil Revolution's Ashura Quds Day's Islamabad Kabul Herat Kirkuk Erbil Basra Mosul Aleppo
Homs Idlib Yazd Kerman Qazvin Zahedan Sanandaj Urmia Ardabil Rasht Gorgan Sari Bandar Abbas Bushehr Hamedan
Arak Semnan Birjand Bojnurd Ilam Yasuj Shahrekord Khorramabad Zanjan Qeshm Kazerun Lavasan Enghelab Azadi
Kowthari Najaf Abad Sarpol Sarpolzahab Zahab Paveh Izeh Saqqez Mehr-Afarin Plasco Samen-Hujaj Khourasgan
The A An And Or But If In On At Of For With From By To As Is It Its This That These Those There Their They
He She His Her We Our You Your I My Me Us Not No Yes So Also Even Still Yet However Moreover Meanwhile
Indeed Instead Furthermore Although Though While When Where Why What Which Who Whom Whose How After Before
During Since Until Despite Following According Under Over About Above Below Between Among Amid Against
Without Within Through Throughout Last Next First Second Third Many Most Some Several Both Each Every All
Any Another Other Such Only Just More Less Much Nope Thank Thanks Dozens Hundreds Thousands Millions One Two
Three Four Five Six Seven Eight Nine Ten Forty-Six Eighteen Simply Unlike Perhaps Granted Holding Repeated
Reports Warning Politicians Asking Protesters Officials Members Supporters Earlier Later Today Yesterday
Tomorrow Now Then Here Once Again Never Always Often Sometimes Just Lately Recently Currently Specifically
Ironically Unfortunately Fortunately Simultaneously Similarly Likewise Otherwise Therefore Thus Hence
Accordingly Additionally Besides Consequently Nevertheless Nonetheless Regardless Beyond Behind Toward
Towards Upon Via Per Vs Re Etc Ie Eg Do Does Did Done Be Been Being Was Were Are Am Has Have Had Will Would
Manager Fellow Secretary-General Director-General Whereas Board Nation
Shall Should Can Could May Might Must Let Lets Let's Please Sorry OK Okay Oh Dear
""".split())

PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "le", "la", "abu", "al-", "ul"})
