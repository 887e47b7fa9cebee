"""The events stage on sentences written for these tests: types, roles, happened-or-not, date,
place, repeats and the English line."""

from __future__ import annotations

from rasad.api import process_text
from rasad.record import Event


def events(text: str, lang: str, published: str | None = "2024-03-05") -> list[Event]:
    document = process_text(text, lang=lang, published=published)
    for event in document.events:
        assert document.text[event.evidence.start:event.evidence.end] == event.evidence.text
    return document.events


def only(text: str, lang: str, published: str | None = "2024-03-05") -> Event:
    found = events(text, lang, published)
    assert len(found) == 1, [event.english for event in found]
    return found[0]


def test_persian_meeting_with_source_target_place_and_date() -> None:
    event = only("سید عباس عراقچی وزیر امور خارجه ایران امروز در ژنو با سرگئی لاوروف دیدار کرد.", "fa")
    assert (event.type, event.mode) == ("CONSULT", "meet")
    assert event.source == ["per:abbas-araghchi"] and event.target == ["per:sergey-lavrov"]
    assert event.date == "2024-03-05" and event.place == "loc:gn:2660646"
    assert event.english == "2024-03-05 · Abbas Araghchi (IRN) CONSULT/meet Sergey Lavrov (RUS) · Geneva"


def test_arabic_verb_first_and_subject_first() -> None:
    first = only("استقبل الرئيس بشار الأسد في دمشق وزير الخارجية الروسي سيرغي لافروف.", "ar", "2019-05-01")
    assert (first.type, first.mode) == ("CONSULT", "visit")
    assert first.source == ["per:bashar-al-assad"] and first.target == ["per:sergey-lavrov"]
    second = only("الرئيس بشار الأسد يستقبل سيرغي لافروف في دمشق.", "ar", "2019-05-01")
    assert second.source == ["per:bashar-al-assad"] and second.target == ["per:sergey-lavrov"]


def test_a_received_call_is_coded_from_the_caller() -> None:
    event = only("تلقى الرئيس بشار الأسد اتصالا هاتفيا من الرئيس الروسي فلاديمير بوتين.", "ar", "2019-05-01")
    assert (event.type, event.mode) == ("CONSULT", "phone")
    assert event.source == ["per:vladimir-putin"] and event.target == ["per:bashar-al-assad"]


def test_negated_planned_conditional_and_future_acts_are_not_events() -> None:
    assert events("عراقچی با لاوروف در ژنو دیدار نکرد.", "fa") == []
    assert events("قرار است عراقچی هفته آینده با لاوروف در ژنو دیدار کند.", "fa") == []
    assert events("سيلتقي سيرغي لافروف نظيره التركي في أنقرة.", "ar") == []
    assert events("لم يلتق سيرغي لافروف نظيره التركي في أنقرة.", "ar") == []
    assert events("من المقرر أن يلتقي سيرغي لافروف نظيره التركي في أنقرة الأسبوع المقبل.", "ar") == []


def test_a_threat_is_an_event_but_the_attack_it_threatens_is_not() -> None:
    found = events("ایران هشدار داد اگر اسرائیل به تأسیسات هسته‌ای حمله کند، پاسخ کوبنده‌ای خواهد داد.", "fa")
    assert [event.type for event in found] == ["THREATEN"]
    assert found[0].source == ["loc:IRN"]


def test_a_passive_arrest_has_its_subject_as_target_and_no_source() -> None:
    event = only("عوامل گروهک پژاک در کرمانشاه بازداشت شدند.", "fa")
    assert (event.type, event.mode) == ("COERCE", "arrest")
    assert event.source == [] and event.target == ["org:pjak"] and event.place == "loc:gn:128226"


def test_headline_and_lead_telling_one_meeting_are_one_event() -> None:
    text = ("عراقچی و لاوروف در مسکو دیدار کردند. سید عباس عراقچی وزیر امور خارجه ایران امروز در مسکو "
            "با سرگئی لاوروف همتای روس خود دیدار و گفت‌وگو کرد.")
    found = events(text, "fa")
    assert len(found) == 1 and found[0].type == "CONSULT"
    assert found[0].target == ["per:sergey-lavrov"] and found[0].date == "2024-03-05"


def test_a_date_the_sentence_gives_and_none_it_does_not() -> None:
    dated = only("التقى سيرغي لافروف في موسكو يوم 12 فبراير 2024 وزير الخارجية التركي هاكان فيدان.", "ar")
    assert dated.date == "2024-02-12"
    undated = only("التقى سيرغي لافروف في موسكو وزير الخارجية التركي هاكان فيدان.", "ar")
    assert undated.date is None


def test_a_news_lead_is_that_days_news_and_its_dateline_the_place() -> None:
    event = only("تهران - ایرنا - سید عباس عراقچی با سرگئی لاوروف دیدار کرد.", "fa")
    assert event.date == "2024-03-05" and event.place == "loc:gn:112931"
    assert event.source == ["per:abbas-araghchi"]


def test_a_capital_standing_for_its_government_is_the_country() -> None:
    event = only("واشنطن تفرض عقوبات جديدة على إيران.", "ar")
    assert event.type == "SANCTION" and event.source == ["loc:USA"] and event.target == ["loc:IRN"]


def test_sentences_with_no_act_give_no_event() -> None:
    assert events("دمای هوای تهران امروز به ۳۸ درجه رسید و بازار ارز آرام بود.", "fa") == []
    assert events("ارتفعت أسعار النفط في الأسواق العالمية اليوم بنسبة اثنين في المئة.", "ar") == []


def test_the_target_inside_the_object_phrase() -> None:
    # the doer of a condemned act, and the owner of rejected claims, are the target
    found = events("وزارت امور خارجه ایران حمله رژیم صهیونیستی به کنسولگری ایران در دمشق را محکوم کرد.", "fa")
    assert [event.type for event in found] == ["ASSAULT", "ACCUSE"]
    condemned = found[1]
    assert condemned.source == ["org:iran-foreign-ministry"] and condemned.target == ["loc:ISR"]
    rejected = only("سخنگوی وزارت امور خارجه روسیه ادعاهای آمریکا درباره پهپادها را رد کرد.", "fa")
    assert rejected.type == "REJECT" and rejected.target == ["loc:USA"]
    sanctioned = only("فرض الاتحاد الأوروبي عقوبات جديدة على مسؤولين إيرانيين.", "ar")
    assert sanctioned.source == ["org:eu"] and sanctioned.target == ["loc:IRN"]


def test_a_topic_or_place_phrase_is_not_the_target() -> None:
    event = only("رفض مجلس الأمن الدولي مشروع القرار بشأن سوريا.", "ar")
    assert event.type == "REJECT" and event.target == []


def test_an_organisation_in_a_title_describes_the_person() -> None:
    # "the UN secretary-general António Guterres" is Guterres, called through the glued بـ of the title
    call = only("أجرى وزير الخارجية المصري سامح شكري اتصالا هاتفيا بالأمين العام للأمم المتحدة أنطونيو غوتيريش.",
                "ar")
    assert call.source == ["per:sameh-shoukry"] and call.target == ["per:antonio-guterres"]
    # ...but a court beside the person it sentences is the source
    sentence = only("دادگاه انقلاب اسلامی نسرین ستوده را به زندان محکوم کرد.", "fa")
    assert sentence.source == ["org:iran-revolutionary-court"]


def test_what_is_asked_in_a_letter_is_asked_of_its_addressee() -> None:
    found = events("علی باقری کنی در نامه‌ای به آنتونیو گوترش دبیرکل سازمان ملل خواستار نشست فوری شد.", "fa")
    request = next(event for event in found if event.type == "REQUEST")
    assert request.source == ["per:ali-bagheri-kani"] and request.target == ["per:antonio-guterres"]


def test_a_country_joined_by_and_to_a_group_acts_with_it() -> None:
    event = only("دور جدید مذاکرات هسته‌ای ایران و گروه ۱+۵ امروز در استانبول آغاز شد.", "fa", "2012-04-14")
    assert event.source == ["loc:IRN"] and event.target == ["org:p5-plus-1"]


def test_the_occasion_of_a_meeting_is_not_an_act_of_its_own() -> None:
    event = only("مسعود پزشکیان در حاشیه اجلاس سازمان همکاری شانگهای با ولادیمیر پوتین دیدار کرد.", "fa")
    assert (event.type, event.mode) == ("CONSULT", "meet")
    assert event.source == ["per:masoud-pezeshkian"] and event.target == ["per:vladimir-putin"]


def test_a_ceasefire_between_two_parties() -> None:
    event = only("بدأ سريان وقف إطلاق النار بين حركة حماس وإسرائيل صباح اليوم.", "ar")
    assert event.type == "RETREAT"
    assert event.source == ["org:hamas"] and event.target == ["loc:ISR"]


def test_and_glued_to_the_second_ministers_country() -> None:
    event = only("بحث وزيرا الخارجية الروسي سيرغي لافروف والتركي هاكان فيدان في اتصال هاتفي الوضع في سوريا.", "ar")
    assert (event.type, event.mode) == ("CONSULT", "phone")
    assert event.source == ["per:sergey-lavrov"] and event.target == ["per:hakan-fidan"]


def test_the_outlet_is_not_joined_to_the_actor_it_reports() -> None:
    event = only("به گزارش خبرگزاری ایسنا، عباس عراقچی امروز در مسکو با سرگئی لاوروف دیدار کرد.", "fa")
    assert event.source == ["per:abbas-araghchi"] and event.target == ["per:sergey-lavrov"]


def test_the_subject_of_a_that_clause() -> None:
    found = events("عربستان سعودی پذیرفت که جمال خاشقجی در کنسولگری این کشور در استانبول کشته شده است.", "fa")
    killing = next(event for event in found if event.type == "ASSAULT")
    assert killing.target == ["per:jamal-khashoggi"] and killing.source == []


def test_and_his_counterpart_joins_two_parties() -> None:
    call = only("أجرى الرئيس الأمريكي باراك أوباما ونظيره الإيراني حسن روحاني مكالمة هاتفية.", "ar", "2013-09-28")
    assert call.source == ["per:barack-obama"] and call.target == ["per:hassan-rouhani"]
    between = only("جرى اتصال هاتفي بين رئيس الوزراء العراقي محمد شياع السوداني ونظيره الأردني جعفر حسان.", "ar",
                   "2024-11-20")
    assert between.source == ["per:mohammed-shia-al-sudani"] and between.target == ["per:jafar-hassan"]


def test_a_title_alone_calls_a_counterpart() -> None:
    call = only("أجرى وزير الخارجية العماني اتصالا هاتفيا بنظيره الإيراني.", "ar", "2025-05-01")
    assert call.source == ["per:badr-albusaidi"] and call.target == ["per:abbas-araghchi"]


def test_a_warning_names_its_target_after_the_verb() -> None:
    event = only("تهران هشدار داد در صورت هرگونه اقدام نظامی رژیم صهیونیستی، پاسخی سخت خواهد داد.", "fa")
    assert event.type == "THREATEN" and event.source == ["loc:IRN"] and event.target == ["loc:ISR"]


def test_the_object_phrase_is_about_its_first_name() -> None:
    event = only("وزیر امور خارجه ترکیه سیاست آمریکا در قبال سوریه را به‌شدت محکوم کرد.", "fa", "2019-10-10")
    assert event.type == "ACCUSE" and event.target == ["loc:USA"]


def test_what_is_asked_threatened_or_rejected_has_not_happened() -> None:
    asked = events("دعا الأمين العام للأمم المتحدة أنطونيو غوتيريش إلى وقف فوري لإطلاق النار في غزة.", "ar")
    assert [event.type for event in asked] == ["REQUEST"]
    threatened = events("هدد رئيس الوزراء الإسرائيلي حركة حماس بتوسيع العملية العسكرية في رفح.", "ar")
    assert [event.type for event in threatened] == ["THREATEN"]
    rejected = events("عباس عراقچی پیشنهاد مذاکره مستقیم با آمریکا را رد کرد.", "fa")
    assert [event.type for event in rejected] == ["REJECT"]
    # ...but the letter that carried a request was sent, and the matter of a resolution happened
    letter = events("علی باقری کنی در نامه‌ای به آنتونیو گوترش خواستار نشست فوری شد.", "fa")
    assert sorted(event.type for event in letter) == ["CONSULT", "REQUEST"]
    vetoed = events("روسیه قطعنامه پیشنهادی کشورهای غربی درباره حمله شیمیایی خان شیخون را وتو کرد.", "fa")
    assert "ASSAULT" in [event.type for event in vetoed]


def test_a_purpose_is_not_an_act_of_its_own() -> None:
    assert events("أردوغان سيلتقي بوتين في موسكو الأسبوع المقبل لبحث الوضع في إدلب.", "ar") == []
    assert events("أكد البيت الأبيض أن الرئيس جو بايدن لم يجر أي اتصال هاتفي مع ولي العهد السعودي.", "ar") == []


def test_a_received_message_comes_from_the_one_inside_the_object_phrase() -> None:
    event = only("حسن روحانی پیام تسلیت ولادیمیر پوتین به مناسبت درگذشت شماری از هموطنان در حادثه زلزله را "
                 "دریافت کرد.", "fa", "2019-05-01")
    assert (event.type, event.mode) == ("CONSULT", "letter")
    assert event.source == ["per:vladimir-putin"] and event.target == ["per:hassan-rouhani"]


def test_a_call_told_twice_in_a_sentence_keeps_who_called_whom() -> None:
    event = only("ناقش الرئيس الفرنسي إيمانويل ماكرون في اتصال هاتفي تلقاه من الرئيس الإيراني إبراهيم رئيسي "
                 "الأوضاع في المنطقة.", "ar", "2022-08-21")
    assert event.mode == "phone"
    assert event.source == ["per:ebrahim-raisi"] and event.target == ["per:emmanuel-macron"]


def test_force_at_a_border_targets_that_country() -> None:
    persian = only("ترکیه هزاران نیرو در نزدیکی مرزهای سوریه مستقر کرده است.", "fa", "2019-10-01")
    assert persian.type == "MOBILIZE" and persian.source == ["loc:TUR"] and persian.target == ["loc:SYR"]
    arabic = only("حشدت تركيا آلاف الجنود قرب الحدود السورية.", "ar", "2019-10-01")
    assert arabic.source == ["loc:TUR"] and arabic.target == ["loc:SYR"]
    # near a city is not at a border: no target
    inland = only("حشدت تركيا آلاف الجنود في ولاية هاتاي.", "ar", "2019-10-01")
    assert inland.target == []


def test_a_request_of_the_international_community_has_no_target() -> None:
    event = only("دعا وزير الخارجية الأردني المجتمع الدولي إلى وقف العدوان الإسرائيلي على غزة.", "ar", "2024-03-05")
    assert event.type == "REQUEST" and event.target == []
    persian = only("وزیر امور خارجه ایران از جامعه جهانی خواست به کمک مردم سوریه بشتابند.", "fa")
    assert persian.type == "REQUEST" and persian.target == []


def test_a_demonym_after_a_noun_names_the_victims_not_the_attacker() -> None:
    event = only("قتل أربعة جنود أردنيين برصاص مسلحين مجهولين قرب الحدود.", "ar", "2021-06-01")
    assert event.type == "ASSAULT" and event.source == [] and event.target == ["loc:JOR"]
    # after a noun for the state's forces the demonym is the doer
    forces = only("قصفت المدفعية التركية مواقع في ريف حلب.", "ar", "2021-06-01")
    assert forces.source == ["loc:TUR"]


def test_a_passive_assassination_has_its_victim_as_target() -> None:
    event = only("اغتيل القائد العسكري فؤاد شكر في غارة على الضاحية الجنوبية لبيروت.", "ar", "2024-07-31")
    assert event.type == "ASSAULT" and event.source == [] and event.target == ["per:fuad-shukr"]


def test_a_summit_has_its_attendee_as_source_and_the_others_as_targets() -> None:
    event = only("افتتح الرئيس الإيراني حسن روحاني في طهران قمة منظمة التعاون الاقتصادي بحضور الرئيس التركي "
                 "رجب طيب أردوغان.", "ar", "2019-06-14")
    assert (event.type, event.mode) == ("CONSULT", "multilateral")
    assert event.source == ["per:hassan-rouhani"] and event.target[-1] == "per:recep-tayyip-erdogan"
    hosted = only("شارك الرئيس الإيراني حسن روحاني في قمة منظمة شنغهاي للتعاون التي تستضيفها العاصمة القرغيزية "
                  "بيشكك.", "ar", "2019-06-14")
    assert hosted.source == ["per:hassan-rouhani"] and hosted.target == ["org:sco"]
    assert hosted.place == "loc:gn:1528675"  # Bishkek, the host city, is where it met


def test_a_letter_handed_over_in_a_meeting_is_from_its_sender() -> None:
    found = events("سلم وزير الخارجية العماني بدر البوسعيدي رسالة من السلطان هيثم بن طارق إلى الرئيس الإيراني "
                   "مسعود بزشكيان خلال لقائه به في طهران.", "ar", "2025-01-22")
    letter = next(event for event in found if event.mode == "letter")
    assert letter.source == ["per:haitham-bin-tariq"] and letter.target == ["per:masoud-pezeshkian"]
    assert any(event.source == ["per:badr-albusaidi"] for event in found if event.mode == "meet")


def test_a_dateline_opening_a_later_paragraph_is_not_an_actor() -> None:
    found = events("وزیران خارجه دیدار کردند.\nپکن - ایرنا - حسین امیرعبداللهیان و فیصل بن فرحان امروز در پکن "
                   "دیدار کردند.", "fa", "2023-04-06")
    meeting = next(event for event in found if event.source)
    assert meeting.source == ["per:hossein-amir-abdollahian"] and meeting.target == ["per:faisal-bin-farhan"]


def test_the_meeting_on_the_sidelines_is_with_the_person_not_the_assembly() -> None:
    event = only("التقى الرئيس الإيراني مسعود بزشكيان على هامش اجتماعات الجمعية العامة للأمم المتحدة في نيويورك "
                 "رئيس الوزراء البريطاني كير ستارمر.", "ar", "2024-09-25")
    assert event.source == ["per:masoud-pezeshkian"] and event.target == ["per:keir-starmer"]


def test_one_killed_in_a_passive_clause_of_the_attack_is_one_more_target() -> None:
    found = [event for event in events("جنگنده‌های رژیم صهیونیستی امروز ساختمانی در غزه را هدف قرار دادند و اسماعیل "
                                       "هنیه در این حمله به شهادت رسید.", "fa", "2024-03-05") if event.source]
    assert found[0].type == "ASSAULT" and found[0].source == ["loc:ISR"]
    assert "per:ismail-haniyeh" in found[0].target


def test_people_named_by_a_plural_demonym_are_the_ones_a_passive_attack_hit() -> None:
    event = only("استشهد خمسة فلسطينيين في قصف إسرائيلي استهدف منزلا وسط مدينة خان يونس.", "ar")
    assert event.type == "ASSAULT"
    assert event.source == ["loc:ISR"] and event.target == ["loc:PSE"]


def test_a_place_after_a_direction_word_is_where_it_was_and_a_claim_names_the_doer() -> None:
    event = only("فجر انتحاري نفسه في سوق شعبي شرقي سوريا، وتبنى تنظيم داعش الهجوم.", "ar")
    assert (event.type, event.mode) == ("ASSAULT", "suicide")
    assert event.source == ["org:isis"] and event.target == []


def test_a_preposition_glued_to_the_trigger_does_not_mark_the_demonym_after_it() -> None:
    found = events("نددت وزارة الخارجية المصرية بالغارات الإسرائيلية على لبنان.", "ar")
    attack = next(event for event in found if event.type == "ASSAULT")
    assert attack.source == ["loc:ISR"] and attack.target == ["loc:LBN"]


def test_who_condemns_or_rejects_an_attack_did_not_make_it() -> None:
    condemned = [event for event in events("أدانت وزارة الخارجية القطرية بشدة الهجوم الذي استهدف سفينة تجارية في "
                                           "البحر الأحمر.", "ar") if event.type == "ASSAULT"]
    assert all(event.source == [] for event in condemned)
    rejected = [event for event in events("چین قطعنامه پیشنهادی آمریکا درباره حمله موشکی به کشتی‌ها را در شورای "
                                          "امنیت وتو کرد.", "fa") if event.type == "ASSAULT"]
    assert all(event.source == [] for event in rejected)


def test_the_name_after_an_assassination_noun_is_the_one_killed() -> None:
    found = events("حزب‌الله لبنان ترور اسماعیل هنیه را محکوم کرد.", "fa", "2024-08-01")
    attack = next(event for event in found if event.type == "ASSAULT")
    assert attack.target == ["per:ismail-haniyeh"] and attack.source == []


def test_an_agent_phrase_names_the_doer_of_a_passive_act() -> None:
    welcome = only("بشار اسد امروز در فرودگاه مسکو از سوی ولادیمیر پوتین مورد استقبال رسمی قرار گرفت.", "fa",
                   "2019-05-01")
    assert welcome.source == ["per:vladimir-putin"] and welcome.target == ["per:bashar-al-assad"]
    aid = only("دومین محموله کمک‌های پزشکی از سوی چین برای مقابله با بیماری به سوریه ارسال شد.", "fa")
    assert aid.type == "AID" and aid.source == ["loc:CHN"] and aid.target == ["loc:SYR"]


def test_a_country_opening_the_sentence_is_not_a_title_of_the_person_after_it() -> None:
    event = only("بحرین شیخ علی سلمان رهبر جمعیت الوفاق را بازداشت کرد.", "fa")
    assert event.type == "COERCE" and event.source == ["loc:BHR"]


def test_a_persian_verb_target_is_not_taken_from_the_clause_after_it() -> None:
    event = only("ولادیمیر پوتین تهدید کرد اگر اوکراین به خاک روسیه حمله کند، پاسخ سختی خواهد داد.", "fa")
    assert event.type == "THREATEN" and event.target == ["loc:UKR"]


def test_a_meeting_with_a_pronoun_partner_is_with_the_one_just_named() -> None:
    found = events("نقل وزير الخارجية القطري رسالة من أمير قطر إلى الرئيس السوري بشار الأسد خلال لقائه به في "
                   "دمشق.", "ar", "2019-05-01")
    meeting = next(event for event in found if event.mode == "meet")
    assert meeting.target == ["per:bashar-al-assad"]


def test_a_second_group_marked_alike_joins_the_target() -> None:
    event = only("عراقچی در گفت‌وگوی تلفنی با سرگئی لاوروف و سپس با هاکان فیدان درباره سوریه گفت‌وگو کرد.", "fa")
    assert event.target[0] == "per:sergey-lavrov" and len(event.target) == 2


def test_force_on_a_region_is_force_on_its_country() -> None:
    event = only("ارتش ترکیه روز دوشنبه استان ادلب را با موشک هدف قرار داد.", "fa")
    assert event.type == "ASSAULT" and event.target == ["loc:SYR"]


def test_the_means_before_an_active_verb_takes_its_roles() -> None:
    event = only("نظامیان صهیونیست دو جوان فلسطینی را در نابلس به ضرب گلوله به شهادت رساندند.", "fa")
    assert (event.type, event.mode) == ("ASSAULT", "firearms")
    assert event.source == ["loc:ISR"] and event.target == ["loc:PSE"]
