"""Word lists for finding people: given names, titles and role words, name particles,
the capitalised words that are never part of a person's name here, and short forms
of given names. They hold kinds of words, never the people of a corpus."""

GIVEN_NAMES = frozenset("""
Aaron Abbas Abdallah Abdelaziz Abdelkader Abdolali Abdolhamid Abdolkarim Abdolmajid Abdolrahim Abdolrahman Abdolreza
Abdolsalam Abdorreza Abdul Abdulaziz Abdulhamid Abdulla Abdullah Abdulrahman Abdurrahman Abolfazl Abolghasem
Abolhassan Abolqasem Adam Adel Adil Adnan Adrian Afsaneh Afshin Ahmad Ahmadreza Ahmed Ahmet Akbar Akram Alaeddin
Alain Alan Albert Alberto Alejo Aleksandr Alessandro Alexander Alexei Alexey Alexis Alfonso Alfred Ali Alice
Alimohammad Alireza Alistair Allahyar Allan Allen Alparslan Alvaro Amanda Amelia Ami Amin Amina Amir Amirali
Amirhossein Ammar Amos Amy Anatoly Anders Andre Andrea Andreas Andrei Andres Andrew Andrzej Angel Angela Angelina
Angelo Ann Anna Anne Annie Anthony Antoine Anton Antonio Antony Anwar Arash Arezoo Ariel Arnaud Arnold Arthur Arya
Arzhang Asghar Ashkan Ashraf Asif Asma Ataollah Atefeh Atena Audrey Avi Avigdor Axel Ayad Aydin Ayelet Ayman Ayse
Azadeh Azam Azar Aziz Babak Bahar Bahareh Bahman Bahram Barack Barbara Barry Bashar Bashir Basil Beatrice Behnam
Behrooz Behrouz Behzad Ben Benazir Benjamin Benny Benoit Bernard Bernd Bernie Bert Beth Betty Bezalel Bijan Bilal
Bill Billy Bizhan Bjorn Blaise Bob Boris Brad Bradley Brendan Brett Brian Bruce Bruno Bryan Bulent Burak Camille
Candice Carl Carla Carlo Carlos Carmen Caroline Catalina Catherine Cecilia Celine Cem Charles Charlotte Chloe Chris
Christian Christina Christine Christophe Christopher Chuck Cindy Claire Clara Claude Claudia Clement Colin Conor
Craig Cristina Curtis Cynthia Dale Damian Damien Dan Dana Daniel Danielle Dario Dariush Darren Daryush Dave David
Dean Deborah Denis Dennis Derek Diana Diane Dieter Dirk Dmitri Dmitriy Dmitry Dominic Dominique Don Donald Donna
Doris Doug Douglas Dov Duncan Dylan Earl Ebrahim Ed Eddie Edgar Edith Eduardo Edward Edwin Ehsan Ehud Eileen Eitan
Ekaterina Elaheh Elena Elham Eli Elias Eliot Elise Elizabeth Ellen Elliot Elliott Emanuele Emil Emile Emilio Emily
Emine Emma Emmanuel Emre Enrique Eric Erik Ernest Ernst Esfandiar Eshaq Esmaeil Esmail Esther Ethan Eugene Eva Evan
Evgeny Fabian Fabrice Fadi Faezeh Fahad Fahd Faisal Farah Farhad Fariba Farideh Farouk Farshad Farzad Farzaneh
Fatemeh Fatih Fatima Fatma Fawzi Federica Felipe Felix Fereshteh Fereydoun Fernando Filippo Fiona Firouz Florence
Forough Fouad Francesca Francesco Francis Franco Francois Frank Franz François Fred Frederic Frederick Gabriel
Gabriela Gadi Gareth Gary Gavin Geert Geoffrey Georg George Georges Gerald Gerard Gerhard Ghasem Ghassan Ghazal
Gholam Gholamhossein Gholamreza Gianluca Gianni Gideon Gilad Gilbert Gilles Gina Giorgio Giovanni Giulio Giuseppe
Glen Glenn Golnar Golnaz Gordon Grace Graham Grant Greg Gregory Gretchen Guido Guillaume Gulbuddin Gunter Gustavo
Guy Gérard Habib Habibollah Hadi Hadis Hafez Hafiz Haider Haitham Hakan Hakim Haleh Halil Hamad Hamdi Hamdullah
Hamed Hamid Hamidreza Hamza Hani Hannah Hans Harald Harold Haroun Harry Harvey Hasan Hashem Hashim Hassan Hatice
Hazem Heather Hector Hedayat Heidi Heinz Helen Helena Helmut Hendrik Henri Henrik Henry Herbert Herman Heshmat
Hilary Hillary Hisham Hoda Hojjat Holger Homa Homayoun Hosni Hossein Howard Hugh Hugo Husam Hussein Ian Ibrahim Igor
Ilan Ileana Ilya Imad Imran Imtiaz Ingrid Iraj Irene Irina Isa Isaac Isabel Isabelle Ishaq Ismail Issa Itzhak Ivan
Jaber Jack Jacob Jacqueline Jacques Jafar Jahangir Jake Jalal Jalaleddin Jalil Jamal James Jamie Jamil Jamshid Jan
Jane Janet Janusz Jared Jaroslaw Jasmine Jason Javad Javed Javid Javier Jawad Jay Jean Jean-Claude Jean-Luc
Jean-Marie Jean-Pierre Jean-Yves Jeff Jeffrey Jenna Jennifer Jenny Jens Jeremy Jerry Jesse Jessica Jill Jim Jimmy
Joachim Joan Joanna Jody Joe Joel Johan Johannes John Johnny Jon Jonas Jonathan Jordi Jorge Jose Josef Josep Joseph
Josh Joshua José Joyce Juan Jubin Judith Judy Julia Julian Julie Julien Juliet Junaid Jurgen Justin Kai Kamal Kamala
Kamran Kamyar Kareem Karen Karim Karin Karl Katayoun Kate Katherine Kathleen Kaveh Kay Kazem Keith Kelly Kemal Ken
Kenneth Kent Kerry Kevin Keyvan Khadijeh Khaled Khalid Khalil Kian Kim Kirsten Klaus Konstantin Koroush Kourosh
Kristin Krzysztof Kurt Kyle Ladan Laleh Lance Larry Lars Laura Laurent Lawrence Layla Lech Lee Leila Leo Leon
Leonard Leslie Lewis Liam Lina Linda Lindsey Lionel Lisa Liz Lorenzo Louis Louise Luca Lucas Lucy Ludovic Luigi Luis
Luke Lynn Magnus Mahboubeh Mahdi Maher Mahin Mahmood Mahmoud Mahnaz Mahsa Mahvash Majed Majid Malcolm Mamoun Manfred
Mani Manijeh Manouchehr Mansour Mansoureh Manuel Marc Marcel Marco Marcus Marek Margaret Margarethe Maria Mariam
Marianne Marie Marine Mario Marion Marius Marjan Mark Markus Marlene Marta Martha Martin Martina Marvin Marwan Mary
Maryam Marzieh Masoud Masoumeh Massimo Massoud Mathieu Matiyar Matt Matteo Matthew Matthias Maurice Max Maxim Maxime
Mazen Megan Mehdi Mehmet Mehran Mehrdad Mehrnoush Melanie Melissa Mevlut Michael Michaela Michel Michele Michelle
Miguel Mikael Mike Mikhail Mikkel Milad Miles Milos Mina Minoo Mir Miriam Mirza Mitch Mitchell Mitra Mitt Mohamad
Mohamed Mohammad Mohammadali Mohammadhossein Mohammadreza Mohammed Mohsen Mohsin Mojgan Mojtaba Mokhtar Monica
Monireh Moqtada Morgan Morteza Moshe Mostafa Moustafa Muhammad Munir Murat Musa Mustafa Nabil Nader Nadia Nadine
Naftali Naguib Nahid Najib Nancy Narendra Narges Narjes Nasim Nasrallah Nasrin Nasser Nastaran Natalia Natalie
Nathalie Nathan Navid Nawaf Nawaz Nayef Nazanin Necmettin Neda Negar Neil Nelson Newt Nicholas Nick Nicola Nicolas
Nicole Niels Nigel Nikki Niklas Nikolai Nikolaus Nikolay Niloufar Nils Nima Nizar Noah Noel Nooshin Norbert Norman
Nouri Noushin Nuri Nushin Oleg Olena Olga Oliver Olivia Olivier Omar Omid Orhan Osama Oscar Osman Otto Owen Pablo
Pamela Paolo Parisa Parvaneh Parviz Pascal Patrice Patricia Patrick Patrik Paul Paula Pavel Pawel Payam Pedro Pegah
Pejman Penny Per Pervez Peter Petra Petro Peyman Phil Philip Philippe Phillip Pierre Pierre-Yves Pieter Piotr Pooya
Pouya Qais Qamar Qasem Qassem Quentin Rachel Rafael Rafik Rafiq Rahim Rahman Rahul Rainer Rajiv Ralf Ralph Ramezan
Rami Ramin Ramon Randy Rania Raphael Rashid Rasoul Ray Raymond Rebecca Recep Regina Reinhard Rene Renee Reuven Rex
Reyhaneh Reza Riad Ricardo Riccardo Rich Richard Richardo Rick Rita Riyad Riza Rob Robert Roberto Robin Rodrigo
Roger Roghayeh Roland Rolf Roman Romano Ron Ronald Ronan Roozbeh Rosa Rose Rosemary Ross Rostam Rouhollah Roy Roya
Ruben Rudi Rudolf Rudolph Rudy Ruhollah Rupert Russell Ruth Ryan Ryszard Saad Sabine Saddam Sadegh Sadeq Saeed
Saeedeh Saeid Said Saif Salah Saleh Salim Sally Salman Salvatore Sam Saman Samantha Sameh Samer Sami Samir Samira
Samuel Sanaz Sandra Sandro Sanjay Sara Sarah Sarina Saud Scott Sean Sebastian Sebastien Selim Sepideh Sergei Sergey
Seth Shadi Shahab Shahbaz Shahin Shahla Shahnaz Shahram Shahriar Shahrokh Shane Shapour Sharareh Sharon Sheila Shima
Shimon Shinzo Shirin Shirley Siavash Sigmar Silvio Sima Simon Simone Sofia Soheil Soheila Sohrab Soleiman Somayeh
Sonia Sonja Sophie Soraya Soroush Soudabeh Stanley Stefan Stefano Steffen Stella Stephan Stephane Stephanie Stephen
Steve Steven Struan Stuart Suleyman Susan Sven Svetlana Sylvie Taghi Taher Tahereh Tahmineh Talal Tamim Tanya Tarek
Tariq Tarja Tatiana Tawfiq Tayyip Ted Teresa Terry Theresa Thierry Thomas Thorsten Till Tim Timo Timothy Tina Tobias
Todd Tom Tomas Tomasz Tommy Tony Torsten Touraj Travis Trevor Troy Tulsi Turki Tzipi Udo Ulrich Ursula Usama Uwe Uzi
Vahid Vahideh Valentina Valerie Vanessa Vera Veronica Victor Victoria Vida Viktor Vince Vincent Vittorio Vladimir
Vladislav Volodymyr Vyacheslav Wael Walid Walter Warren Wayne Wendy Werner Wes Wesley Wilfried Willem William Willy
Wim Winston Wojciech Wolfgang Xavier Xi Yahya Yair Yann Yannick Yaroslav Yaser Yasin Yasir Yasser Yassin Yevgeny
Yitzhak Yoav Yossi Yousef Yousif Youssef Yulia Yuri Yusuf Yuval Yves Yvonne Zack Zahra Zaid Zainab Zalmay Zayed
Zbigniew Zeinab Zeynab Zeynep Ziad Ziba Zoe Zoltan Zoë
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
Brig Maj Adm Gov Amb Cmdr Hojjat-ol-eslam Hojatolislam Hujjat-ul-Islam Grand Mufti Bishop Archbishop Cardinal
Undersecretary Under-Secretary Secretary-General Director-General Vice-President Lawmaker Legislator Cleric
""".split())

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
Studies Study Centre Dhabi Award Awards Prize Festival Games Olympics Cup League Club Museum Library Hospital
Mosque Church Palace Tower Bridge Park Stadium Hall Port Station Road Highway Market Bazaar Exhibition
Staff Writer Writers Editor Editors Editorial Reporter Reporters Correspondent Desk Team Admin Guest Contributor
Newspaper Newspapers Weekly Monthly Asharq Awsat Al-Awsat Arabiya Al-Arabiya Jazeera Al-Jazeera Al-Monitor Monitor
Ahram Al-Ahram Akhbar Mayadeen Al-Mayadeen Manar Al-Manar Alwatan Al-Watan Qaeda Al-Qaeda Nusra Al-Nusra Shabaab
Hashd Sha'abi Mukhabarat Aramco Hamas Fatah Likud Knesset Pentagon Kremlin Elysee Downing Whitehall Quai Orsay
Shall Should Can Could May Might Must Let Lets Let's Please Sorry OK Okay Oh Dear
""".split())

# Lower-case words inside a name that are not names of their own: "Bashar al-Assad", "Pieter van der Berg".
PARTICLES = frozenset({"al", "el", "ul", "bin", "ibn", "ben", "bint", "abu", "van", "von", "de", "da", "du", "di", "del",
                       "della", "der", "den", "dos", "das", "ter", "le", "la", "al-"})

# Titles that stand before a surname alone and make it a person's ("Mr Lindqvist", "President Trump").
PERSONAL_TITLES = frozenset("""Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Baroness Mullah Ayatollah
Hojatoleslam Hojjatoleslam Sheikh Shaikh Imam Senator Sen Congressman Congresswoman MEP President Ambassador
Rep Representative General Gen Colonel Col Commander Chancellor Minister Premier Judge Governor Mayor Haj Haji
Rev Reverend Cleric Admiral Captain Capt Major Lieutenant Lt Sgt Sergeant Spokesman Spokeswoman Deputy""".split())

# A monarch's title stays with a single name: "King Faisal", "Pope Francis".
MONARCH_TITLES = frozenset("King Queen Pope Emir Sultan Shah Prince Princess".split())

# Lower-case nouns that say the capitalised name right after them is a person's:
# "deputy chief Farshid Tavakoli", "astronaut Darya Khosravan", "his wife, Roxana Eskandari".
ROLE_NOUNS = frozenset("""
activist actor actress adviser advisor aide ambassador analyst anchor archbishop architect artist astronaut athlete
attorney author blogger boss brother businessman businesswoman campaigner candidate cardinal cartoonist captain
chair chairman chairwoman champion chancellor chief cleric coach colonel columnist comedian commander commentator
commissioner congressman congresswoman consultant correspondent councillor councilor cousin critic daughter defender
delegate deputy dictator diplomat director dissident economist editor emir envoy executive expert father fellow
filmmaker footballer founder general governor grandson granddaughter head husband imam inmate investigator
journalist judge jurist lawmaker lawyer leader legislator lieutenant major manager mayor medalist member minister
mother mullah musician negotiator nephew niece novelist officer official organiser organizer painter partner
photographer physician player playwright poet politician president presenter priest prince prisoner producer
professor prosecutor protester publisher queen rabbi rapporteur rapper reporter representative researcher sculptor
secretary senator sergeant singer sister son speaker spokesman spokesperson spokeswoman student teacher uncle
undersecretary victim vice-president wife widow worker writer
ministre ministres sénateur sénatrice président présidente député députée ancien ancienne maire journaliste
""".split())

# Capitalised words that start sentences or clauses and are never a given name; a name
# run that starts with one of these starts after it ("Added Lindqvist", "Seventeen workers").
NOT_GIVEN = frozenset("""
Added Adds Said Says Asked Asks Told Tells Wrote Writes Noted Notes Stated States Explained Continued Concluded
Replied Warned Claimed Argued Insisted Urged Stressed Reported Recalled Responded Commented Declared Announced
Meanwhile Speaking Addressing Quoting Citing Referring Describing Calling Accusing Following Regarding Concerning
Seventeen Eleven Twelve Thirteen Fourteen Fifteen Sixteen Nineteen Twenty Thirty Fifty Sixty Seventy Eighty Ninety
Hundred Thousand Million Billion Half Dozen Twice Thrice Sources Source Officials Experts Analysts Critics Founder
Former Late Veteran Renowned Prominent Famous Jailed Imprisoned Detained Exiled Dissident Slain Murdered Executed
Then Dear Welcome Hello Goodbye Congratulations Why Whoever Whatever Whenever Wherever Everyone Everybody Nobody
Someone Somebody Anyone Anybody Nothing Everything Something Anything
Briton Britons Scot Scots Welsh Irish Dutch Swiss Danish Swedish Norwegian Finnish Belgian Austrian Hungarian
Czech Slovak Polish Romanian Bulgarian Greek Cypriot Serbian Croatian Bosnian Albanian Ukrainian Belarusian
Georgian Armenian Azerbaijani Azeri Kazakh Uzbek Tajik Turkmen Kyrgyz Afghan Pakistani Indian Bangladeshi Chinese
Korean Vietnamese Thai Indonesian Malaysian Filipino Australian Kiwi Mexican Brazilian Argentine Argentinian
Venezuelan Colombian Cuban Chilean Peruvian Egyptian Libyan Tunisian Algerian Moroccan Sudanese Somali Ethiopian
Nigerian Kenyan Jordanian Palestinian Emirati Qatari Kuwaiti Omani Bahraini Spanish Portuguese Europeans Arabs
Persians Jews Christians Sunnis Shiites Shias Kurd Baluchi Turkmen Lebanese Iranian-American American-Iranian
Spaniard Frenchman Englishman Englishwoman Frenchwoman Israeli-American Turk Turks
Jaish Jaysh Harakat Hayat Hay'at Jabhat Ansar Kata'ib Kataib Saraya Liwa Asa'ib Asaib Hizb Jamaat Jamaa Tahrir Dar
Bab Ras Bayt Beit Jund Ahl Tanzim Faylaq Fadaiyan Fedayeen Daesh Shura Wilayat Velayat Setad Bonyad Astan Jebhe
Democrats Republicans Democrat Republican Socialists Greens Liberals Conservatives Garden Gardens
Par Popular Public Private Royal Federal Social Civil Grand Great Holy Sacred Special High Higher Modern Future Voice
Sky Science Technology Operation Campaign Summit Conference Forum Talks Treaty Accord Agreement Initiative
""".split())

# Nouns after a person's name that make the whole a place or a thing named after them:
# "Amir Kabir University", "Imam Khomeini Airport".
NAMED_AFTER = frozenset("""
University Universities College School Academy Institute Street Avenue Boulevard Square Road Highway Expressway
Freeway Bridge Airport Port Station Terminal Hospital Clinic Prison Stadium Arena Dam Mosque Shrine Mausoleum Tomb
Garden Park Hall Library Museum Foundation Centre Center Award Prize Festival Cup Tower Building Complex Hotel Cinema
Theatre Theater Metro Base Camp Town City Province District County Village Lake River Valley Refinery Plant Field
Fund Trust Charity Lecture Lectures Doctrine Plan Line Canal Bazaar Market Cemetery Memorial Monument Statue Era
""".split())

# Short forms of given names that name the same person: "Mike Pompeo" is "Michael Pompeo".
NICKNAMES = {
    "Mike": "Michael", "Mick": "Michael", "Bob": "Robert", "Rob": "Robert", "Bobby": "Robert", "Bill": "William",
    "Will": "William", "Billy": "William", "Jim": "James", "Jimmy": "James", "Tom": "Thomas", "Tommy": "Thomas",
    "Joe": "Joseph", "Dick": "Richard", "Rick": "Richard", "Rich": "Richard", "Tony": "Anthony", "Chris": "Christopher",
    "Dan": "Daniel", "Danny": "Daniel", "Dave": "David", "Steve": "Stephen", "Steven": "Stephen", "Ted": "Edward",
    "Ed": "Edward", "Ned": "Edward", "Nick": "Nicholas", "Rudy": "Rudolph", "Rudi": "Rudolph", "Newt": "Newton",
    "Ben": "Benjamin", "Bibi": "Benjamin", "Sam": "Samuel", "Alex": "Alexander", "Andy": "Andrew", "Tim": "Timothy",
    "Jeff": "Jeffrey", "Greg": "Gregory", "Matt": "Matthew", "Pat": "Patrick", "Larry": "Lawrence", "Jerry": "Gerald",
    "Fred": "Frederick", "Ron": "Ronald", "Don": "Donald", "Ken": "Kenneth", "Doug": "Douglas", "Phil": "Philip",
    "Liz": "Elizabeth", "Beth": "Elizabeth", "Kate": "Katherine", "Cathy": "Catherine", "Sue": "Susan",
    "Jenny": "Jennifer", "Hank": "Henry", "Harry": "Henry", "Chuck": "Charles", "Charlie": "Charles",
}
