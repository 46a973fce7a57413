"""The case studies and question sets that ship with Sanad (loaded by `manage.py load_case_studies`).

Written for Sanad: every person, handle, number and place is made up (handles end in `.demo`,
phones are in the 0600-00xx-xx range nobody is given). Reports keep the child's own words, in
Darija (Latin script with digits, or Arabic script), Arabic or French; everything around them
(title, context, reasons, what to say) is in Arabic and French.

Each study's answer follows DOMAIN.md: categories, urgency P0 to P3 and danger signals (the codes
of sanad/triage/danger.py), the referral target (cases.ReferralTarget, "" when none), and for a
school case the protocol level and the steps that apply.
"""

from typing import Any

PROTOCOL = ("record", "listen", "assess", "parents", "hear", "protect", "measures", "takedown",
            "follow_up_week", "follow_up_month", "close")  # fmt: skip

# What a referral may carry; which of them each kind of recipient receives (cases/redaction.py).
REDACTION_ITEMS = ("reporter_text", "child_details", "identifiers", "files", "contact")
SHARED_WITH = {
    "police": ["reporter_text", "child_details", "identifiers", "files", "contact"],
    "gendarmerie": ["reporter_text", "child_details", "identifiers", "files", "contact"],
    "prosecutor": ["reporter_text", "child_details", "identifiers", "files", "contact"],
    "platform": ["identifiers"],
    "school": [],
    "support": ["contact"],
    "helpline": ["contact"],
    "": [],
}


def B(ar: str, fr: str) -> dict[str, str]:
    return {"ar": ar, "fr": fr}


def steps(*, skip: tuple[str, ...] = ()) -> list[str]:
    """The protocol's steps that apply to a school case, in order."""
    return [code for code in PROTOCOL if code not in skip]


def study(
    slug: str,
    *,
    difficulty: str,
    roles: list[str],
    title: dict[str, str],
    report: str,
    language: str,
    context: dict[str, str],
    categories: list[str],
    urgency: str,
    danger: list[str] | None = None,
    referral: str,
    why: dict[str, str],
    why_referral: dict[str, str],
    tell_child: dict[str, str],
    tell_parents: dict[str, str],
    platforms: list[str] | None = None,
    identifiers: list[tuple[str, str, str]] | None = None,
    files: list[tuple[str, str, dict[str, str]]] | None = None,
    reporter_role: str = "victim",
    age_band: str = "13_15",
    level: int | None = None,
    school_steps: list[str] | None = None,
    why_protocol: dict[str, str] | None = None,
) -> dict[str, Any]:
    reasons = {"harm": why, "referral": why_referral}
    if why_protocol:
        reasons["protocol"] = why_protocol
    return {
        "slug": slug,
        "difficulty": difficulty,
        "roles": roles,
        "categories": categories,
        "school_case": level is not None,
        "content": {
            "title": title,
            "report": report,
            "language": language,
            "context": context,
            "platforms": platforms or [],
            "identifiers": [{"kind": k, "platform": p, "value": v} for k, p, v in (identifiers or [])],
            "files": [{"name": n, "kind": k, "description": d} for n, k, d in (files or [])],
            "reporter_role": reporter_role,
            "age_band": age_band,
        },
        "answer": {
            "categories": categories,
            "urgency": urgency,
            "danger_signals": danger or [],
            "referral": referral,
            "redaction": SHARED_WITH[referral],
            "protocol_level": level,
            "protocol_steps": (school_steps or steps()) if level is not None else [],
            "tell_child": tell_child,
            "tell_parents": tell_parents,
            "reasons": reasons,
        },
    }


ALL = ["analyst", "liaison", "resource_teacher", "head"]
CENTRE = ["analyst", "liaison"]
SCHOOL = ["analyst", "resource_teacher", "head"]

KEEP_EVIDENCE_CHILD = B(
    "لم ترتكب أي خطأ. احتفظ بلقطات الشاشة، لا تحذف شيئًا، احظر الحساب ولا ترد. سنساعدك.",
    "Tu n'as rien fait de mal. Garde les captures d'écran, ne supprime rien, bloque le compte et ne réponds pas. On va t'aider.",
)
NEVER_PAY_CHILD = B(
    "لا تدفع ولا ترسل أي شيء آخر. هذه ليست غلطتك، والمبتز هو المخطئ. احتفظ بالرسائل ونحن معك الآن.",
    "Ne paie pas et n'envoie plus rien. Ce n'est pas ta faute, c'est lui qui commet un délit. Garde les messages : on s'en occupe maintenant.",
)
PARENTS_CALM = B(
    "استمعوا إلى طفلكم دون لوم ولا مصادرة للهاتف؛ احتفظوا بالأدلة؛ المؤسسة والمركز يتابعان الحالة معكم.",
    "Écoutez votre enfant sans le blâmer ni confisquer son téléphone ; gardez les preuves ; l'établissement et le centre suivent la situation avec vous.",
)
PARENTS_URGENT = B(
    "طفلكم يحتاج حضوركم الآن: ابقوا معه، لا تلوموه، ولا تتواصلوا مع المعتدي. الشرطة (19) على علم وسنتصل بكم.",
    "Votre enfant a besoin de vous maintenant : restez avec lui, ne le blâmez pas et ne contactez pas l'auteur. La police (19) est saisie et nous vous rappelons.",
)

STUDIES: list[dict[str, Any]] = [
    study(
        "class-group-insults",
        difficulty="easy",
        roles=SCHOOL,
        title=B("شتائم يومية في مجموعة القسم", "Insultes quotidiennes dans le groupe de la classe"),
        report="kol nhar f groupe dyal l9ism kay3iyto 3liya 'l7a9da' w kaypartagiw tsawer dyali m3a emojis dyal 7allouf. "
        "3 dial drari homa li bdaw, daba l9ism kolo kaydhak. ma bghitch nmchi l lycée ghda.",
        language="ar",
        context=B(
            "تلميذة في الثالثة إعدادي، 14 سنة، تكتب بنفسها عبر البوابة. المجموعة تضم 31 تلميذًا من القسم.",
            "Une élève de 3e année de collège, 14 ans, écrit elle-même sur le portail. Le groupe compte 31 élèves de la classe.",
        ),
        categories=["harassment"],
        urgency="P2",
        referral="school",
        platforms=["whatsapp"],
        identifiers=[("handle", "whatsapp", "groupe 3AC-2 (nom du groupe)")],
        files=[
            (
                "capture-groupe.png",
                "image",
                B("لقطة شاشة للمجموعة (صورة بديلة)", "Capture du groupe (image de remplacement)"),
            )
        ],
        why=B(
            "إهانات متكررة وسخرية أمام القسم: تحرش إلكتروني متكرر، أولوية P2. لا تهديد ولا إشارة لإيذاء النفس؛ 'ما بغيتش نمشي' تعبير عن الخوف يستحق الاستماع.",
            "Insultes répétées et moqueries devant la classe : cyberharcèlement répété, P2. Ni menace ni signe d'automutilation ; « je ne veux pas aller au lycée » dit la peur et appelle une écoute.",
        ),
        why_referral=B(
            "الأطراف كلهم تلاميذ نفس المؤسسة: فريق الموارد هو الأقرب للتدخل، بمعلومات دنيا.",
            "Tous sont élèves du même établissement : l'équipe ressource est la mieux placée, avec le minimum d'informations.",
        ),
        level=2,
        why_protocol=B(
            "تحرش متكرر دون محتوى جنسي أو تهديد: المستوى 2. كل الخطوات تنطبق، بما فيها طلب حذف الصور.",
            "Harcèlement répété sans contenu sexuel ni menace : niveau 2. Toutes les étapes s'appliquent, retrait des photos compris.",
        ),
        tell_child=B(
            "ما يحدث لك ليس عاديًا وليس ذنبك. احتفظ بلقطات الشاشة. فريق المؤسسة سيستمع إليك بسرية.",
            "Ce qui t'arrive n'est pas normal et ce n'est pas ta faute. Garde les captures. L'équipe de l'établissement va t'écouter en toute confidentialité.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "figurative-dying-of-laughter",
        difficulty="hard",
        roles=ALL,
        title=B('"غادي نموت": لغة مجازية', "« Je vais mourir » : une façon de parler"),
        report="wa3333 ghadi nmout mn d7k 😂😂 sahbi 7at video dyali kan ch7al kanghanni f l7ammam f story, "
        "ghadi n9tlo ila ma msa7hach!! walakin 3afak kifach n7ayed video mn story dyal chi wa7ed?",
        language="ar",
        context=B(
            "صبي، 13 سنة. الفيديو نشره صديقه في قصة تختفي بعد 24 ساعة. النبرة مازحة (ضحك، رموز تعبيرية).",
            "Un garçon de 13 ans. La vidéo a été mise par son ami dans une story qui disparaît en 24 h. Le ton est à la plaisanterie (rires, émojis).",
        ),
        categories=["personal_data"],
        urgency="P3",
        referral="",
        platforms=["instagram"],
        why=B(
            '"غادي نموت من الضحك" و"غادي نقتلو" كلام مجازي بين أصدقاء، لا خطر: لا إشارة خطر. فيديو نُشر دون إذن: نشر بيانات شخصية بسيط، P3.',
            "« Je vais mourir de rire » et « je vais le tuer » sont des façons de parler entre amis : aucun signal de danger. Une vidéo publiée sans accord : donnée personnelle, bénin, P3.",
        ),
        why_referral=B(
            "لا حاجة لإحالة: نجيب الطفل بنصيحة لطلب الحذف من صديقه أو عبر زر الإبلاغ في المنصة.",
            "Pas de transmission : on répond à l'enfant en lui expliquant comment demander le retrait à son ami ou par le signalement de la plateforme.",
        ),
        tell_child=B(
            "اطلب من صديقك حذف القصة، ويمكنك الإبلاغ عنها في إنستغرام. وإذا تكرر الأمر أو صار مزعجًا اكتب لنا.",
            "Demande à ton ami de retirer la story ; tu peux aussi la signaler sur Instagram. Si ça recommence ou que ça devient méchant, réécris-nous.",
        ),
        tell_parents=B(
            "لا داعي للقلق: تحدثوا معه عن الموافقة قبل نشر صور الآخرين.",
            "Pas d'inquiétude : parlez avec lui de l'accord à demander avant de publier l'image de quelqu'un.",
        ),
    ),
    study(
        "hidden-self-harm",
        difficulty="hard",
        roles=ALL,
        title=B("وداع خفي وراء شكوى من التنمر", "Un adieu caché derrière une plainte de harcèlement"),
        report="Ils m'appellent la baleine depuis la rentrée, sur snap et en classe. C'est pas grave, bientôt ça "
        "les dérangera plus. J'ai donné mes affaires à ma cousine et j'ai écrit une lettre à ma mère. "
        "Je voulais juste que quelqu'un le sache.",
        language="fr",
        context=B(
            "فتاة، 15 سنة، في الثانوي الإعدادي. لا تذكر كلمة انتحار ولا إيذاء.",
            "Une fille de 15 ans, au collège. Elle n'écrit ni « suicide » ni « me faire du mal ».",
        ),
        categories=["harassment"],
        urgency="P0",
        danger=["self_harm"],
        referral="support",
        platforms=["snapchat"],
        why=B(
            'توزيع الأغراض، رسالة للأم، "قريبًا لن يزعجهم ذلك": علامات نية انتحارية دون ذكر الكلمة. خطر على الحياة: P0 فورًا، ثم التحرش الذي تسبب فيه.',
            "Donner ses affaires, une lettre à sa mère, « bientôt ça les dérangera plus » : des signes d'intention suicidaire sans le mot. Risque vital : P0 tout de suite, puis le harcèlement qui en est la cause.",
        ),
        why_referral=B(
            "الأولوية لسلامتها: اتصال فوري بها وبخدمة الدعم النفسي/حماية الطفولة، ثم فريق المؤسسة للتحرش.",
            "D'abord sa sécurité : contact immédiat et transmission au soutien psychologique / protection de l'enfance, puis l'équipe de l'établissement pour le harcèlement.",
        ),
        level=3,
        why_protocol=B(
            "خطر إيذاء النفس يجعلها في المستوى 3: تصعيد فوري إلى المدير والمركز، مع بقاء الفريق بجانبها.",
            "Un risque d'automutilation, c'est le niveau 3 : escalade immédiate au chef d'établissement et au centre, l'équipe reste à ses côtés.",
        ),
        tell_child=B(
            "شكرًا لأنك كتبتِ. حياتك مهمة. هل أنتِ في أمان الآن؟ نحن معك الآن، ويمكنك الاتصال بـ 2511 مجانًا.",
            "Merci de nous l'avoir écrit. Ta vie compte. Es-tu en sécurité en ce moment ? On reste avec toi, et tu peux appeler le 2511, gratuit.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "sextortion-without-the-word",
        difficulty="hard",
        roles=ALL,
        title=B('ابتزاز دون كلمة "ابتزاز"', "Une sextorsion qui ne dit pas son nom"),
        report="Had drri li t3rft 3lih f insta sifta lih wa7d tswira, daba kay9ouli ila ma sifttch lih okhra 9bel "
        "10 dyal lil ghadi ychoufouha ga3 li f l9ism dyali, 3ndo la liste dyalhom. 3afakom chno ndir",
        language="ar",
        context=B(
            "فتاة، 14 سنة، أرسلت الرسالة في الساعة 19:40. الحساب المعني: @night.rider.demo.",
            "Une fille de 14 ans, message envoyé à 19 h 40. Le compte en cause : @night.rider.demo.",
        ),
        categories=["sexual_exploitation"],
        urgency="P0",
        danger=["sextortion_deadline"],
        referral="police",
        platforms=["instagram"],
        identifiers=[("handle", "instagram", "@night.rider.demo")],
        files=[
            (
                "conversation.png",
                "image",
                B(
                    "لقطة المحادثة (صورة بديلة، لا صورة حميمة)",
                    "Capture de la conversation (remplacée ; aucune image intime)",
                ),
            )
        ],
        why=B(
            'طلب صورة أخرى مقابل عدم النشر مع مهلة (قبل العاشرة ليلًا) وقائمة القسم: ابتزاز جنسي بمهلة، P0، حتى دون كلمة "ابتزاز".',
            "Une autre photo exigée sous peine de diffusion, avec une heure limite (22 h) et la liste de la classe : sextorsion avec échéance, P0, même sans le mot.",
        ),
        why_referral=B(
            "جريمة تمس قاصرًا ومهلة قريبة: الشرطة بكامل الملف (النص، المعرّفات، الأدلة).",
            "Un délit contre une mineure et une échéance proche : la police, avec tout le dossier (texte, identifiants, preuves).",
        ),
        tell_child=NEVER_PAY_CHILD,
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "grooming-meeting-saturday",
        difficulty="hard",
        roles=ALL,
        title=B('موعد مخطط مع "صديق" من لعبة', "Un rendez-vous prévu avec un « ami » de jeu"),
        report="3ndi sa7bi f free fire smito Yassine.demo 3ndo 19 3am, kay3tini diamants. 9ali nt3arfo f lwa9e3 "
        "nhar sebt 3 dyal l3chiya 9dam mall, w 9ali matgoul l 7ta wa7ed 7it walidik mayfhmouch. wach normal?",
        language="ar",
        context=B(
            "صبي، 12 سنة، يكتب يوم الخميس. لا يذكر أي شيء جنسي.",
            "Un garçon de 12 ans écrit un jeudi. Il ne parle de rien de sexuel.",
        ),
        categories=["sexual_exploitation", "gaming_exploitation"],
        urgency="P0",
        danger=["meeting"],
        referral="police",
        platforms=["game"],
        identifiers=[("handle", "game", "Yassine.demo")],
        age_band="10_12",
        why=B(
            "راشد يقدم هدايا في لعبة، يطلب السرية عن الوالدين، ويحدد موعدًا ومكانًا: استدراج مع لقاء مخطط، P0 رغم غياب أي كلمة جنسية.",
            "Un adulte qui offre des cadeaux dans un jeu, demande le secret envers les parents et fixe un lieu et une heure : pédopiégeage avec rencontre prévue, P0 même sans mot sexuel.",
        ),
        why_referral=B(
            "اللقاء بعد يومين: الشرطة بكامل الملف، مع المعرّف في اللعبة.",
            "La rencontre est dans deux jours : la police, avec tout le dossier et l'identifiant dans le jeu.",
        ),
        tell_child=B(
            "لا تذهب إلى الموعد. أحسنت بالسؤال. من يطلب منك إخفاء شيء عن والديك لا يريد لك الخير. أخبر أحد والديك اليوم.",
            "Ne va pas au rendez-vous. Tu as bien fait de demander. Quelqu'un qui te demande de cacher des choses à tes parents ne te veut pas du bien. Parles-en à un parent aujourd'hui.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "pupil-author-mock-account",
        difficulty="medium",
        roles=SCHOOL,
        title=B("تلميذ هو صاحب الحساب الساخر", "Un élève est l'auteur du compte moqueur"),
        report="Je suis professeure de français. Un compte TikTok « 2bac_clowns.demo » publie des montages d'une élève "
        "de 2e bac avec des sons humiliants. Plusieurs élèves m'ont dit que c'est Karim D. (élève de la même classe) "
        "qui le gère ; il l'a montré en récréation.",
        language="fr",
        context=B(
            "أستاذة تبلّغ، الضحية 17 سنة، المشتبه به تلميذ من نفس القسم.",
            "Une enseignante signale ; la victime a 17 ans, l'auteur présumé est un élève de la même classe.",
        ),
        categories=["harassment"],
        urgency="P2",
        referral="school",
        platforms=["tiktok"],
        identifiers=[("handle", "tiktok", "@2bac_clowns.demo")],
        reporter_role="professional",
        age_band="16_17",
        why=B(
            "سخرية متكررة وعلنية من تلميذة: تحرش إلكتروني، P2. لا محتوى جنسي ولا تهديد.",
            "Moqueries publiques et répétées d'une élève : cyberharcèlement, P2. Ni contenu sexuel ni menace.",
        ),
        why_referral=B(
            "الضحية والمشتبه به تلميذان: فريق الموارد يستمع، يحمي، ويتخذ تدابير تربوية؛ مع طلب حذف الحساب.",
            "Victime et auteur sont élèves : l'équipe ressource écoute, protège et prend des mesures éducatives ; avec une demande de retrait du compte.",
        ),
        level=2,
        why_protocol=B(
            "المستوى 2. كون الفاعل تلميذًا يجعل خطوتي الاستماع للتلاميذ المعنيين والتدابير التربوية ضروريتين، مع إخبار أولياء الطرفين.",
            "Niveau 2. L'auteur étant un élève, entendre les élèves concernés et les mesures éducatives s'imposent, et les parents des deux côtés sont informés.",
        ),
        tell_child=B(
            "سنساعدك على حذف الحساب. لست وحدك ولن نكشف من أخبرنا.",
            "On va t'aider à faire fermer ce compte. Tu n'es pas seule et on ne dira pas qui nous a prévenus.",
        ),
        tell_parents=B(
            "لأولياء الضحية: ابنتكم محمية وستتم متابعتها. لأولياء التلميذ المعني: سنبحث معكم مقاربة تربوية أولًا.",
            "Aux parents de la victime : votre fille est protégée et suivie. Aux parents de l'élève en cause : nous cherchons avec vous une réponse éducative d'abord.",
        ),
    ),
    study(
        "hate-speech-origin",
        difficulty="medium",
        roles=ALL,
        title=B("تعليقات عنصرية ضد تلميذ", "Commentaires racistes contre un élève"),
        report="Ana men Côte d'Ivoire w kanqra f collège hna f Salé. Kayktbo ta7t tsawer dyali f facebook "
        "'rje3 l blad dyalk', 'l3bid' w 7wayj khrin. ktar men 40 commentaire.",
        language="ar",
        context=B("صبي، 14 سنة، يكتب بنفسه.", "Un garçon de 14 ans écrit lui-même."),
        categories=["hate_speech"],
        urgency="P2",
        referral="platform",
        platforms=["facebook"],
        identifiers=[("url", "facebook", "https://facebook.example/photo.demo/4412")],
        why=B(
            "إهانات على أساس الأصل واللون موجهة لطفل: خطاب كراهية، P2.",
            "Des insultes visant l'origine et la couleur de peau d'un enfant : discours de haine, P2.",
        ),
        why_referral=B(
            "الأولوية لحذف التعليقات: المنصة تتلقى الروابط والتصنيف فقط، دون هوية الطفل.",
            "D'abord faire retirer les commentaires : la plateforme reçoit les liens et la catégorie, jamais qui est l'enfant.",
        ),
        tell_child=B(
            "لا أحد يحق له أن يهينك بسبب أصلك. احتفظ باللقطات، سنطلب حذف التعليقات.",
            "Personne n'a le droit de t'insulter pour ton origine. Garde les captures : on demande le retrait des commentaires.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "hate-speech-disability",
        difficulty="easy",
        roles=SCHOOL,
        title=B("سخرية من إعاقة في فيديو", "Moqueries sur un handicap dans une vidéo"),
        report="أختي عندها إعاقة في رجلها وكتمشي بصعوبة. وحد البنت من القسم ديالها صورتها فالساحة ودارت الفيديو في تيكتوك "
        "مع موسيقى ديال الضحك. أختي ما بغاتش تقرا. أنا خوها عندي 17 عام.",
        language="ar",
        context=B("أخ يبلغ عن أخته (13 سنة).", "Un frère signale pour sa sœur de 13 ans."),
        categories=["hate_speech", "personal_data"],
        urgency="P2",
        referral="school",
        platforms=["tiktok"],
        reporter_role="witness",
        why=B(
            "سخرية من إعاقة: خطاب كراهية، مع تصوير ونشر دون موافقة: بيانات شخصية. P2.",
            "Se moquer d'un handicap : discours de haine ; filmer et publier sans accord : donnée personnelle. P2.",
        ),
        why_referral=B(
            "التصوير تم في الساحة من تلميذة: المؤسسة، مع طلب الحذف عبر المركز.",
            "Filmée dans la cour par une élève : l'établissement, avec la demande de retrait par le centre.",
        ),
        level=2,
        why_protocol=B(
            "المستوى 2: إذلال علني متعمد، دون محتوى جنسي أو تهديد.",
            "Niveau 2 : humiliation publique délibérée, sans contenu sexuel ni menace.",
        ),
        tell_child=B(
            "أحسنت بالإبلاغ عن أختك. ساعدها على الاحتفاظ بالرابط، وسنتكفل بالباقي مع المؤسسة.",
            "Tu as bien fait de signaler pour ta sœur. Aide-la à garder le lien, on s'occupe du reste avec l'établissement.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "doxxing-address-phone",
        difficulty="easy",
        roles=CENTRE,
        title=B("نشر العنوان ورقم الهاتف", "Adresse et téléphone publiés"),
        report="Quelqu'un a publié sur un compte telegram mon adresse, mon numéro (06 00 00 41 12) et le nom de mon lycée "
        "avec « allez la voir ». Je reçois des appels de numéros inconnus depuis hier soir.",
        language="fr",
        context=B("فتاة، 16 سنة.", "Une fille de 16 ans."),
        categories=["personal_data", "harassment"],
        urgency="P2",
        referral="platform",
        platforms=["telegram", "sms"],
        identifiers=[("url", "telegram", "https://t.me/canal_demo_77"), ("phone", "", "+212600004112")],
        age_band="16_17",
        why=B(
            "نشر العنوان والهاتف مع دعوة للتحرش: نشر بيانات شخصية (doxxing)، P2. لا تهديد بالعنف صريح؛ راقب إن ظهر.",
            "Adresse et téléphone publiés avec un appel à la harceler : divulgation de données (doxxing), P2. Pas de menace de violence explicite ; à surveiller.",
        ),
        why_referral=B(
            "الأولوية لسحب المنشور: المنصة، بالرابط فقط. تُحال للشرطة إن ظهر تهديد.",
            "Faire retirer la publication d'abord : la plateforme, avec le lien seulement. La police si une menace apparaît.",
        ),
        tell_child=B(
            "لا تردي على الأرقام المجهولة، احتفظي بسجل المكالمات، وسنطلب حذف المنشور.",
            "Ne réponds pas aux numéros inconnus, garde le journal des appels : on demande le retrait de la publication.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "photo-shared-without-consent",
        difficulty="easy",
        roles=ALL,
        title=B("صورة منشورة دون موافقة", "Une photo publiée sans accord"),
        report="سلام، صحبتي القديمة نشرت تصويرة ديالي بلا حجاب في الستوري و كتبات عليها كلام خايب. طلبت منها تمسحها ما بغاتش.",
        language="ar",
        context=B("فتاة، 15 سنة. الصورة عادية (غير حميمة).", "Une fille de 15 ans. La photo n'est pas intime."),
        categories=["personal_data", "harassment"],
        urgency="P2",
        referral="platform",
        platforms=["instagram"],
        identifiers=[("handle", "instagram", "@ex_amie.demo")],
        why=B(
            "صورة نُشرت دون موافقة بهدف الإحراج: بيانات شخصية وتحرش، P2. الصورة ليست حميمة، فلا استغلال جنسي.",
            "Une photo publiée sans accord pour humilier : données personnelles et harcèlement, P2. La photo n'est pas intime : pas d'exploitation sexuelle.",
        ),
        why_referral=B(
            "سحب الصورة أولًا: المنصة، بالمعرّف فقط.",
            "Retirer la photo d'abord : la plateforme, avec l'identifiant seulement.",
        ),
        tell_child=KEEP_EVIDENCE_CHILD,
        tell_parents=PARENTS_CALM,
    ),
    study(
        "violent-video-in-group",
        difficulty="easy",
        roles=ALL,
        title=B("فيديو عنيف في مجموعة أطفال", "Une vidéo violente dans un groupe d'enfants"),
        report="Mon fils de 10 ans a vu dans le groupe whatsapp de son club de foot une vidéo d'un accident avec du sang. "
        "Il ne dort plus bien. L'entraîneur ne répond pas.",
        language="fr",
        context=B("أم تبلّغ عن ابنها (10 سنوات).", "Une mère signale pour son fils de 10 ans."),
        categories=["shocking_content"],
        urgency="P3",
        referral="support",
        platforms=["whatsapp"],
        reporter_role="parent",
        age_band="10_12",
        why=B(
            "تعرض طفل لمحتوى صادم، دون تهديد أو استهداف: محتوى صادم، P3. الأثر على النوم يستدعي دعمًا.",
            "Un enfant exposé à une image choquante, sans menace ni ciblage : contenu choquant, P3. L'effet sur son sommeil appelle un soutien.",
        ),
        why_referral=B(
            "دعم نفسي للطفل، بجهة الاتصال التي وافقت عليها الأم فقط.",
            "Un soutien psychologique pour l'enfant, avec le seul contact que la mère a accepté de donner.",
        ),
        tell_child=B(
            "ما رأيته صعب، ومن الطبيعي أن تتذكره. تحدث عنه مع ماما أو بابا متى أردت.",
            "Ce que tu as vu est dur et c'est normal d'y repenser. Parles-en à ta maman ou ton papa quand tu veux.",
        ),
        tell_parents=B(
            "طمئنوه واتركوه يتحدث؛ اطلبوا من المدرب حذف الفيديو ومراقبة المجموعة. إن استمرت الكوابيس، استشيروا مختصًا.",
            "Rassurez-le et laissez-le en parler ; demandez à l'entraîneur de supprimer la vidéo et de modérer le groupe. Si les cauchemars durent, consultez.",
        ),
    ),
    study(
        "adult-sends-porn-to-child",
        difficulty="medium",
        roles=CENTRE,
        title=B("راشد يرسل محتوى إباحيًا لطفلة", "Un adulte envoie de la pornographie à une enfant"),
        report="وحد الراجل ما عرفتوش صيفط ليا فيديوهات خايبين بزاف في سناب و قالي شوفي و قوليلي واش عجبوك. عندي 11 عام.",
        language="ar",
        context=B("فتاة، 11 سنة، تكتب بنفسها.", "Une fille de 11 ans écrit elle-même."),
        categories=["sexual_exploitation", "shocking_content"],
        urgency="P1",
        referral="police",
        platforms=["snapchat"],
        identifiers=[("handle", "snapchat", "sami_lover.demo")],
        age_band="10_12",
        why=B(
            "إرسال محتوى جنسي لطفلة مع طلب رأيها: بداية استدراج واستغلال جنسي، P1. لا لقاء ولا مهلة، فليس P0.",
            "Envoyer de la pornographie à une enfant et lui demander son avis : un début de pédopiégeage, exploitation sexuelle, P1. Ni rencontre ni échéance : pas P0.",
        ),
        why_referral=B(
            "جريمة ضد قاصر: الشرطة بكامل الملف.", "Un délit contre une mineure : la police, avec tout le dossier."
        ),
        tell_child=B(
            "أحسنتِ لأنك أخبرتِنا. لستِ مخطئة. لا تردي عليه واحظريه، وأخبري أحد والديك.",
            "Tu as très bien fait de nous le dire. Ce n'est pas ta faute. Ne lui réponds pas, bloque-le et dis-le à un parent.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "gaming-skins-extortion",
        difficulty="easy",
        roles=CENTRE,
        title=B("ابتزاز أغراض في لعبة", "Extorsion d'objets dans un jeu"),
        report="Un joueur sur roblox (Shadow_x.demo) me dit que si je lui donne pas mes robux et mes items il va faire "
        "signaler mon compte pour qu'il soit banni. Je lui ai déjà donné 400 robux.",
        language="fr",
        context=B("صبي، 12 سنة.", "Un garçon de 12 ans."),
        categories=["gaming_exploitation"],
        urgency="P3",
        referral="platform",
        platforms=["game"],
        identifiers=[("handle", "game", "Shadow_x.demo")],
        age_band="10_12",
        why=B(
            "ابتزاز أغراض افتراضية بالتهديد بحظر الحساب، دون عنف أو محتوى جنسي: استغلال في الألعاب، P3.",
            "Racket d'objets virtuels sous menace de faire bannir le compte, sans violence ni contenu sexuel : exploitation dans les jeux, P3.",
        ),
        why_referral=B(
            "المنصة (اللعبة) تتلقى المعرّف لإيقاف الحساب.",
            "La plateforme du jeu reçoit l'identifiant pour suspendre le compte.",
        ),
        tell_child=B(
            "لا تعطه أي شيء آخر وتوقف عن الرد. احتفظ باسمه ولقطات الشاشة.",
            "Ne lui donne plus rien et arrête de lui répondre. Garde son pseudo et des captures.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "gaming-free-diamonds-scam",
        difficulty="easy",
        roles=CENTRE,
        title=B('"جواهر مجانية" وبطاقة الأم', "« Diamants gratuits » et la carte de maman"),
        report="shft lien fih diamants free f free fire, 7tit code dyal la carte dyal mama bach nconfirmer, "
        "tl3o 1200 dh mn compte dyalha. daba khayf ngoulha",
        language="ar",
        context=B("صبي، 13 سنة.", "Un garçon de 13 ans."),
        categories=["scam", "gaming_exploitation"],
        urgency="P3",
        referral="platform",
        platforms=["game", "other"],
        identifiers=[("url", "other", "https://free-diamonds.example/demo")],
        why=B(
            "صفحة احتيال تستهدف لاعبين صغارًا: احتيال واستغلال في الألعاب، P3. لا خطر على الطفل نفسه.",
            "Une page d'hameçonnage qui vise de jeunes joueurs : escroquerie et exploitation dans les jeux, P3. Aucun danger pour l'enfant lui-même.",
        ),
        why_referral=B(
            "حجب الرابط: المنصة بالرابط فقط؛ ننصح الأم بالتواصل مع البنك.",
            "Faire bloquer le lien : la plateforme avec le lien seulement ; on conseille à la mère d'appeler sa banque.",
        ),
        tell_child=B(
            "أنت ضحية محتالين، لست لصًا. أخبر ماما الآن لتتصل بالبنك بسرعة، فكلما أسرعت كان أفضل.",
            "Tu as été piégé par des escrocs, tu n'es pas un voleur. Dis-le à ta maman maintenant pour qu'elle appelle sa banque : plus c'est tôt, mieux c'est.",
        ),
        tell_parents=B(
            "اتصلوا بالبنك فورًا لإيقاف البطاقة. لا تعاقبوه: أخبركم وهذا ما نريده.",
            "Appelez la banque tout de suite pour bloquer la carte. Ne le punissez pas : il vous l'a dit, c'est ce qu'on veut.",
        ),
    ),
    study(
        "credible-threat-school-gate",
        difficulty="medium",
        roles=ALL,
        title=B("تهديد بسكين عند باب الثانوية", "Menace au couteau devant le lycée"),
        report="Wa7ed mn l9ism jdid sift liya f insta: 'lkhmis f 12 ghadi nstnak f bab lycée, jib m3ak li bghiti, ana "
        "ghadi njib lmos'. 3ndo sa7bo kaygoul ra kaydir had chi b s7i7.",
        language="ar",
        context=B("صبي، 16 سنة. الرسالة وصلت الثلاثاء.", "Un garçon de 16 ans. Message reçu un mardi."),
        categories=["threats"],
        urgency="P0",
        danger=["credible_threat"],
        referral="police",
        platforms=["instagram"],
        identifiers=[("handle", "instagram", "@jdid_3ac.demo")],
        age_band="16_17",
        why=B(
            "تهديد بالعنف مع زمان (الخميس 12) ومكان (باب الثانوية) وسلاح (سكين): تهديد جدي، P0.",
            "Une menace de violence avec une heure (jeudi midi), un lieu (la porte du lycée) et une arme (un couteau) : menace crédible, P0.",
        ),
        why_referral=B(
            "سلاح ومكان محدد: الشرطة بكامل الملف، ثم المؤسسة.",
            "Une arme et un lieu précis : la police avec tout le dossier, puis l'établissement.",
        ),
        level=3,
        why_protocol=B(
            "تهديد بالعنف: المستوى 3، تصعيد فوري إلى المدير والمركز والسلطة المختصة.",
            "Une menace de violence : niveau 3, escalade immédiate au chef d'établissement, au centre et à l'autorité.",
        ),
        tell_child=B(
            "لا تذهب للمواجهة ولا ترد عليه. أخبر والديك والإدارة اليوم؛ الشرطة ستتدخل.",
            "N'y va pas et ne lui réponds pas. Dis-le aujourd'hui à tes parents et à la direction ; la police est prévenue.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "kill-yourself-comments",
        difficulty="medium",
        roles=ALL,
        title=B('"اقتل نفسك" في التعليقات', "« Va te tuer » dans les commentaires"),
        report="Sous chaque vidéo que je poste des gens de mon collège écrivent « va te pendre », « personne te "
        "regrettera ». Je m'en fiche, je veux juste que ça s'arrête.",
        language="fr",
        context=B(
            "فتاة، 14 سنة. لا تعبر عن نية إيذاء نفسها.",
            "Une fille de 14 ans. Elle n'exprime pas d'intention de se faire du mal.",
        ),
        categories=["threats", "harassment"],
        urgency="P1",
        danger=["threat"],
        referral="platform",
        platforms=["tiktok"],
        why=B(
            "تحريض متكرر على إيذاء النفس: تهديد وتحريض، P1. لا نية لديها، فليس P0؛ لكن اسألها عن حالها.",
            "Incitation répétée au suicide : menaces et incitation, P1. Elle n'exprime aucune intention : pas P0 ; mais demande-lui comment elle va.",
        ),
        why_referral=B(
            "حذف التعليقات بسرعة: المنصة؛ ثم المؤسسة لأن الفاعلين تلاميذ.",
            "Faire retirer vite : la plateforme ; puis l'établissement, car les auteurs sont des élèves.",
        ),
        level=3,
        why_protocol=B(
            "التحريض على إيذاء النفس يدخل في المستوى 3.", "L'incitation à l'automutilation relève du niveau 3."
        ),
        tell_child=B(
            "هذه الكلمات خطيرة وليست مقبولة. هل أنتِ بخير؟ إن خطرت لك أفكار مؤلمة، اتصلي بـ 2511.",
            "Ces mots sont graves et inacceptables. Comment tu vas, toi ? Si des idées noires viennent, appelle le 2511.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "hacked-instagram",
        difficulty="easy",
        roles=CENTRE,
        title=B("حساب مقرصن", "Un compte piraté"),
        report="تسرق ليا الحساب ديال انستا، بدلو الايميل والمودباس، وولاو كيصيفطو لصحابي طلبات ديال الفلوس باسمي.",
        language="ar",
        context=B("صبي، 17 سنة.", "Un garçon de 17 ans."),
        categories=["account_takeover", "scam"],
        urgency="P3",
        referral="platform",
        platforms=["instagram"],
        identifiers=[("handle", "instagram", "@anas.demo")],
        age_band="16_17",
        why=B(
            "حساب مسروق يُستعمل لطلب المال: قرصنة واحتيال، P3.",
            "Un compte volé utilisé pour demander de l'argent : piratage et escroquerie, P3.",
        ),
        why_referral=B(
            "استرجاع الحساب: المنصة بالمعرّف فقط.", "Récupérer le compte : la plateforme, avec l'identifiant seulement."
        ),
        tell_child=B(
            "نبّه أصدقاءك ألا يرسلوا أي مال، واستعمل صفحة استرجاع الحساب. سنراسل المنصة.",
            "Préviens tes amis de ne rien envoyer et utilise la page de récupération ; on écrit à la plateforme.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "fake-profile-insulting-teachers",
        difficulty="medium",
        roles=SCHOOL,
        title=B("حساب مزيف باسم تلميذة يشتم الأساتذة", "Un faux profil au nom d'une élève insulte les profs"),
        report="Kayn compte facebook b smiti w b tswira dyali kayktb klam khayb 3la l2assatida dyal lycée, w l'administration "
        "3aytat liya ana. walakin machi ana!!",
        language="ar",
        context=B("فتاة، 16 سنة، استدعتها الإدارة.", "Une fille de 16 ans, convoquée par l'administration."),
        categories=["account_takeover", "harassment"],
        urgency="P2",
        referral="school",
        platforms=["facebook"],
        identifiers=[("url", "facebook", "https://facebook.example/profil.faux.demo")],
        age_band="16_17",
        why=B(
            "انتحال هوية لإيقاع تلميذة في مشكلة: سرقة هوية وتحرش، P2.",
            "Une usurpation d'identité pour faire accuser une élève : usurpation et harcèlement, P2.",
        ),
        why_referral=B(
            "المؤسسة معنية مباشرة (سوء الفهم مع الإدارة)، مع طلب حذف الحساب.",
            "L'établissement est directement concerné (le malentendu avec la direction), avec le retrait du faux compte.",
        ),
        level=2,
        why_protocol=B(
            "المستوى 2؛ الفاعل مجهول: الاستماع للتلاميذ والتدابير قد لا تنطبق بعد.",
            "Niveau 2 ; l'auteur est inconnu : entendre les élèves et les mesures peuvent ne pas s'appliquer encore.",
        ),
        school_steps=steps(skip=("hear", "measures")),
        tell_child=B(
            "نصدقك. احتفظي بالرابط ولقطات الشاشة؛ سنشرح للإدارة ونطلب حذف الحساب.",
            "On te croit. Garde le lien et les captures ; on explique à la direction et on demande le retrait.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "fake-job-offer",
        difficulty="easy",
        roles=CENTRE,
        title=B("عرض عمل مزيف للمراهقين", "Une fausse offre d'emploi pour ados"),
        report="J'ai vu une annonce « job d'été 16 ans+, 300 dh/jour, juste liker des vidéos ». Ils m'ont demandé 200 dh "
        "de frais d'inscription par cash plus. J'ai payé et ils m'ont bloqué.",
        language="fr",
        context=B("صبي، 16 سنة.", "Un garçon de 16 ans."),
        categories=["scam"],
        urgency="P3",
        referral="platform",
        platforms=["telegram"],
        identifiers=[("url", "telegram", "https://t.me/job_ete_demo")],
        age_band="16_17",
        why=B(
            "عرض عمل وهمي يطلب رسومًا: احتيال يستهدف الشباب، P3.",
            "Une offre fictive qui demande des frais : escroquerie visant les jeunes, P3.",
        ),
        why_referral=B("إغلاق القناة: المنصة بالرابط.", "Faire fermer la chaîne : la plateforme, avec le lien."),
        tell_child=B(
            "لست الوحيد الذي وقع في الفخ. احتفظ بإيصال الدفع ولا تدفع أي مبلغ آخر.",
            "Tu n'es pas le seul à t'être fait avoir. Garde le reçu et ne paie plus rien.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "bac-results-phishing",
        difficulty="easy",
        roles=CENTRE,
        title=B("رابط مزيف لنتائج الباكالوريا", "Un faux lien de résultats du bac"),
        report="وصلني ميساج فيه 'نتائج الباك خرجات دخل هنا' و طلب مني رقم مسار والمودباس و رقم الهاتف. دخلتهم. من بعد تسد ليا الواتساب.",
        language="ar",
        context=B("فتاة، 17 سنة.", "Une fille de 17 ans."),
        categories=["scam", "account_takeover"],
        urgency="P3",
        referral="platform",
        platforms=["sms", "whatsapp"],
        identifiers=[("url", "other", "https://resultats-bac.example/demo")],
        age_band="16_17",
        why=B(
            "تصيد احتيالي أدى لسرقة حساب: احتيال وقرصنة، P3.",
            "Un hameçonnage suivi du vol d'un compte : escroquerie et piratage, P3.",
        ),
        why_referral=B(
            "حجب الرابط واسترجاع الحساب: المنصة.", "Bloquer le lien et récupérer le compte : la plateforme."
        ),
        tell_child=B(
            "غيّري كلمة السر لمسار الآن، وفعّلي التحقق بخطوتين في واتساب.",
            "Change ton mot de passe Massar maintenant et active la vérification en deux étapes sur WhatsApp.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "intimate-images-shared-by-ex",
        difficulty="medium",
        roles=ALL,
        title=B("صور حميمة نشرها صديق سابق", "Des images intimes diffusées par un ex"),
        report="Ma copine de classe (16 ans) pleure depuis ce matin : son ex a envoyé dans le groupe de la classe des photos "
        "d'elle à moitié nue qu'elle lui avait envoyées. Tout le monde les a. Je suis sa meilleure amie.",
        language="fr",
        context=B("شاهدة، 16 سنة، تبلّغ عن صديقتها.", "Une témoin de 16 ans signale pour son amie."),
        categories=["sexual_exploitation"],
        urgency="P1",
        referral="police",
        platforms=["whatsapp", "snapchat"],
        reporter_role="witness",
        age_band="16_17",
        why=B(
            "نشر صور حميمة لقاصر دون موافقة: استغلال جنسي ومحتوى جنسي لقاصر، P1.",
            "Diffuser sans accord des images intimes d'une mineure : exploitation sexuelle, contenu sexuel d'une mineure, P1.",
        ),
        why_referral=B(
            "جريمة تمس قاصرًا: الشرطة بكامل الملف؛ المؤسسة والحذف بالتوازي.",
            "Un délit contre une mineure : la police avec tout le dossier ; l'établissement et le retrait en parallèle.",
        ),
        files=[
            (
                "capture-message.png",
                "image",
                B(
                    "لقطة رسالة المجموعة (بديلة، بدون الصور)",
                    "Capture du message de groupe (remplacée, sans les images)",
                ),
            )
        ],
        level=3,
        why_protocol=B(
            "محتوى جنسي لقاصر: المستوى 3، تصعيد فوري، حذف المحتوى بسرعة، وعدم إعادة نشر الصور أبدًا حتى كأدلة بين التلاميذ.",
            "Contenu sexuel d'une mineure : niveau 3, escalade immédiate, retrait rapide ; ne jamais faire circuler les images, même comme preuve entre élèves.",
        ),
        tell_child=B(
            "أحسنتِ بمساعدتها. لا تعيدي إرسال الصور لأي أحد، حتى كدليل. صديقتك ليست مخطئة.",
            "Tu as bien fait de l'aider. Ne renvoie les images à personne, même comme preuve. Ton amie n'a rien fait de mal.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "sextortion-money",
        difficulty="medium",
        roles=CENTRE,
        title=B("ابتزاز جنسي مقابل المال", "Sextorsion contre de l'argent"),
        report="bnt f facebook tlbat mni nfta7 camera, daba kat9oul ila ma sifttch 500 dh ghadi tnchar l video. "
        "ana 17 3am. ma3ndich lflouss.",
        language="ar",
        context=B("صبي، 17 سنة. لا مهلة محددة.", "Un garçon de 17 ans. Pas d'échéance donnée."),
        categories=["sexual_exploitation"],
        urgency="P1",
        danger=["sextortion"],
        referral="police",
        platforms=["facebook"],
        identifiers=[("url", "facebook", "https://facebook.example/amina.demo.82")],
        age_band="16_17",
        why=B(
            "تهديد بنشر فيديو حميم مقابل المال، دون مهلة: ابتزاز جنسي، P1 (يصبح P0 إن ظهرت مهلة).",
            "Menace de publier une vidéo intime contre de l'argent, sans échéance : sextorsion, P1 (P0 si une échéance apparaît).",
        ),
        why_referral=B(
            "جريمة منظمة غالبًا: الشرطة بكامل الملف.", "Souvent un réseau organisé : la police, avec tout le dossier."
        ),
        tell_child=NEVER_PAY_CHILD,
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "early-grooming-secret",
        difficulty="hard",
        roles=ALL,
        title=B("مجاملات، أسرار وتطبيق آخر", "Des compliments, des secrets, une autre appli"),
        report="Kayn wa7ed f insta kayguoul 3ndo 22 3am, kaygoul liya nti mature 3la 3mrk, w bgha nhdro f telegram "
        "7it 'insta kaychoufouh walidik'. kaysowelni chno labsa w wach bo7di f bit.",
        language="ar",
        context=B("فتاة، 13 سنة. لا صور بعد ولا موعد.", "Une fille de 13 ans. Ni image ni rendez-vous pour l'instant."),
        categories=["sexual_exploitation"],
        urgency="P1",
        referral="police",
        platforms=["instagram", "telegram"],
        identifiers=[("handle", "instagram", "@zak22.demo")],
        why=B(
            "راشد يعزل الطفلة (تطبيق آخر، سرية) ويسأل عن ملابسها ووحدتها: استدراج، P1. لا لقاء ولا مهلة بعد.",
            "Un adulte isole l'enfant (autre appli, secret) et demande ce qu'elle porte et si elle est seule : pédopiégeage, P1. Pas encore de rencontre ni d'échéance.",
        ),
        why_referral=B(
            "سلوك استدراج من راشد: الشرطة بكامل الملف.",
            "Un comportement de pédopiégeage d'un adulte : la police, avec tout le dossier.",
        ),
        tell_child=B(
            "ما يفعله ليس صداقة: راشد لا يطلب من طفلة الأسرار. لا تنتقلي إلى تيليغرام، احظريه وأخبري أحد والديك.",
            "Ce n'est pas de l'amitié : un adulte ne demande pas de secrets à une enfant. Ne va pas sur Telegram, bloque-le et parles-en à un parent.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "parent-reports-rumours",
        difficulty="easy",
        roles=SCHOOL,
        title=B("أب يبلّغ عن إشاعات", "Un père signale des rumeurs"),
        report="Bonjour, ma fille (12 ans) est en 1re année collège. Depuis deux semaines des filles de sa classe font courir "
        "sur snapchat qu'elle « vole dans les sacs ». Elle est exclue de tout. Que faire ?",
        language="fr",
        context=B("أب يبلّغ.", "Un père signale."),
        categories=["harassment"],
        urgency="P2",
        referral="school",
        platforms=["snapchat"],
        reporter_role="parent",
        age_band="10_12",
        why=B("إشاعات وإقصاء متكرران: تحرش إلكتروني، P2.", "Rumeurs et exclusion qui durent : cyberharcèlement, P2."),
        why_referral=B(
            "كل المعنيين في نفس القسم: المؤسسة بمعلومات دنيا.",
            "Toutes dans la même classe : l'établissement, avec le minimum d'informations.",
        ),
        level=2,
        why_protocol=B(
            "المستوى 2. لا محتوى لحذفه على منصة (رسائل سناب تختفي): خطوة الحذف لا تنطبق.",
            "Niveau 2. Rien à faire retirer (les messages Snapchat disparaissent) : l'étape de retrait ne s'applique pas.",
        ),
        school_steps=steps(skip=("takedown",)),
        tell_child=B(
            "لستِ وحدك، والإشاعة ليست حقيقة. فريق المؤسسة سيتحدث معك.",
            "Tu n'es pas seule et une rumeur n'est pas la vérité. L'équipe de ton collège va te parler.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "isolated-argument",
        difficulty="easy",
        roles=SCHOOL,
        title=B("خلاف معزول بين صديقين", "Une dispute isolée entre deux amis"),
        report="صاحبي سبني مرة وحدة في كومنتير حيت ربحتو في ماتش ديال فيفا. من بعد اعتذر ولكن باقي زعفان منو.",
        language="ar",
        context=B("صبي، 13 سنة.", "Un garçon de 13 ans."),
        categories=["harassment"],
        urgency="P3",
        referral="school",
        platforms=["instagram"],
        why=B(
            "إهانة واحدة تبعها اعتذار: ليست تحرشًا متكررًا، P3.",
            "Une seule insulte suivie d'excuses : pas de harcèlement répété, P3.",
        ),
        why_referral=B("تكفي المؤسسة لمصالحة بسيطة.", "L'établissement suffit, pour une médiation simple."),
        level=1,
        why_protocol=B(
            "المستوى 1: خلاف معزول؛ لا إخبار إلزامي للأولياء ولا حذف ولا تدابير تأديبية.",
            "Niveau 1 : un conflit isolé ; pas d'information obligatoire des parents, ni retrait, ni sanction.",
        ),
        school_steps=steps(skip=("parents", "measures", "takedown", "follow_up_month")),
        tell_child=B(
            "من الجيد أنه اعتذر. إن تكرر الأمر أخبر أستاذك.",
            "C'est bien qu'il se soit excusé. Si ça recommence, dis-le à un prof.",
        ),
        tell_parents=B(
            "خلاف بين صديقين انتهى باعتذار؛ تابعوا معه دون قلق.",
            "Une dispute entre amis réglée par des excuses ; suivez sans inquiétude.",
        ),
    ),
    study(
        "delete-old-dance-video",
        difficulty="easy",
        roles=CENTRE,
        title=B("كيف أحذف فيديو قديم؟", "Comment effacer une vieille vidéo ?"),
        report="salam, 3ndi video 9dima f youtube mn mli kan 3andi 11 3am kan ch7al kanchta7, daba 3ndi 15 w 7chamt mnha. "
        "nsit lmot de passe dyal dak compte. kifach n7ydha?",
        language="ar",
        context=B(
            "صبي، 15 سنة. لا أحد يستعمل الفيديو ضده.", "Un garçon de 15 ans. Personne n'utilise la vidéo contre lui."
        ),
        categories=["other"],
        urgency="P3",
        referral="",
        platforms=["youtube"],
        why=B(
            'طلب مساعدة دون ضرر ولا معتدٍ: "أخرى"، P3.', "Une demande d'aide, sans atteinte ni auteur : « autre », P3."
        ),
        why_referral=B(
            "لا إحالة: نشرح له استرجاع الحساب أو طلب الحذف كقاصر.",
            "Pas de transmission : on lui explique la récupération du compte ou la demande de retrait en tant que mineur.",
        ),
        tell_child=B(
            "سؤال جيد. جرّب استرجاع الحساب بالبريد، وإلا فهناك استمارة لحذف فيديوهات القاصرين.",
            "Bonne question. Essaie de récupérer le compte par ton e-mail ; sinon, il existe un formulaire de retrait pour les vidéos de mineurs.",
        ),
        tell_parents=B(
            "ساعدوه على استرجاع الحساب؛ لا داعي للقلق.", "Aidez-le à récupérer le compte ; rien d'inquiétant."
        ),
    ),
    study(
        "suicidal-tonight",
        difficulty="medium",
        roles=ALL,
        title=B('"سأنهي كل شيء الليلة"', "« Je vais en finir ce soir »"),
        report="je veux en finir ce soir. j'ai les médicaments de ma grand-mère. personne ne m'aime à l'école de toute façon. "
        "pardon.",
        language="fr",
        context=B("فتاة، 14 سنة، في الساعة 21:10.", "Une fille de 14 ans, à 21 h 10."),
        categories=["other"],
        urgency="P0",
        danger=["self_harm", "danger_now"],
        referral="support",
        why=B(
            "نية انتحار معلنة مع وسيلة (أدوية) وتوقيت (الليلة): P0 فوري.",
            "Une intention suicidaire dite, avec un moyen (des médicaments) et un moment (ce soir) : P0 immédiat.",
        ),
        why_referral=B(
            "الاتصال بالطفلة فورًا وبخدمات الطوارئ، وإحالة إلى الدعم النفسي.",
            "Contacter l'enfant tout de suite et les secours, et transmettre au soutien psychologique.",
        ),
        tell_child=B(
            "شكرًا لأنك كتبتِ. هل يمكنك الابتعاد عن الأدوية الآن؟ اتصلي بـ 15 أو بـ 2511، أو أخبري أي راشد قريب الآن.",
            "Merci de l'avoir écrit. Peux-tu t'éloigner des médicaments maintenant ? Appelle le 15 ou le 2511, ou va voir un adulte près de toi tout de suite.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "pupil-threatens-teacher",
        difficulty="hard",
        roles=SCHOOL,
        title=B("تلميذ يهدد أستاذة في ستوري", "Un élève menace une professeure en story"),
        report="Un élève de tronc commun (Mehdi R.) a publié en story une photo de ma voiture devant le lycée avec « elle va "
        "regretter la note ». Des élèves me l'ont montrée. Je suis professeure de maths.",
        language="fr",
        context=B(
            "الأستاذة هي المبلّغة؛ الفاعل تلميذ، 15 سنة.", "L'enseignante signale ; l'auteur est un élève de 15 ans."
        ),
        categories=["threats"],
        urgency="P1",
        danger=["threat"],
        referral="school",
        platforms=["instagram"],
        reporter_role="professional",
        why=B(
            "تهديد مبطن مع صورة السيارة: تهديد، P1. دون سلاح أو موعد، فليس P0.",
            "Une menace voilée avec la photo de la voiture : menace, P1. Ni arme ni heure : pas P0.",
        ),
        why_referral=B(
            "الفاعل قاصر وتلميذ: المؤسسة أولًا، مع تصعيد عبر البروتوكول.",
            "L'auteur est un mineur et un élève : l'établissement d'abord, avec l'escalade du protocole.",
        ),
        level=3,
        why_protocol=B(
            "تهديد: المستوى 3. الفاعل تلميذ: الاستماع إليه وتدابير تربوية، وإخبار أوليائه.",
            "Une menace : niveau 3. L'auteur est un élève : l'entendre, mesures éducatives, informer ses parents.",
        ),
        tell_child=B(
            "(للتلميذ الفاعل) ما نشرته تهديد وله عواقب؛ سنستمع إليك مع أوليائك.",
            "(À l'élève auteur) Ce que tu as publié est une menace et a des conséquences ; on va t'écouter avec tes parents.",
        ),
        tell_parents=B(
            "لأولياء التلميذ: ابنكم نشر تهديدًا؛ نريد مقاربة تربوية معكم، وقد تلزم عقوبة.",
            "Aux parents de l'élève : votre fils a publié une menace ; nous voulons une réponse éducative avec vous, une sanction peut s'imposer.",
        ),
    ),
    study(
        "amazigh-accent-mockery",
        difficulty="medium",
        roles=SCHOOL,
        title=B("سخرية من لكنة أمازيغية", "Moqueries sur un accent amazigh"),
        report="kaydiro liya des vocaux f groupe kayt9aldo lhadra dyali b tachelhit w kaygoulo 'chleu7 rje3 l jbel'. "
        "kolchi kaydhak. had chi kolo mn ba3d ma jit mn taroudant.",
        language="ar",
        context=B("صبي، 14 سنة، انتقل حديثًا إلى مراكش.", "Un garçon de 14 ans, arrivé récemment à Marrakech."),
        categories=["hate_speech", "harassment"],
        urgency="P2",
        referral="school",
        platforms=["whatsapp"],
        why=B(
            "سخرية متكررة بسبب اللغة والأصل: خطاب كراهية وتحرش، P2.",
            "Moqueries répétées sur la langue et l'origine : discours de haine et harcèlement, P2.",
        ),
        why_referral=B(
            "الفاعلون تلاميذ القسم: المؤسسة.", "Les auteurs sont des élèves de la classe : l'établissement."
        ),
        level=2,
        why_protocol=B(
            "المستوى 2؛ رسائل صوتية في مجموعة خاصة: لا منصة لطلب الحذف.",
            "Niveau 2 ; des vocaux dans un groupe privé : rien à demander à une plateforme.",
        ),
        school_steps=steps(skip=("takedown",)),
        tell_child=B(
            "لغتك جزء منك ومن المغرب. ما يفعلونه غير مقبول، وفريق المؤسسة سيتدخل.",
            "Ta langue fait partie de toi et du Maroc. Ce qu'ils font est inacceptable : l'équipe du collège va agir.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "class-list-phones-leaked",
        difficulty="medium",
        roles=SCHOOL,
        title=B("تسريب لائحة هواتف القسم", "La liste des téléphones de la classe diffusée"),
        report="J'ai trouvé sur un compte instagram « numeros_filles_lycee.demo » la liste des filles de ma classe avec nos "
        "numéros et nos photos de profil, et « écrivez-leur ». Des inconnus m'écrivent déjà.",
        language="fr",
        context=B(
            "فتاة، 16 سنة. اللائحة أُخذت من مجموعة الأولياء.",
            "Une fille de 16 ans. La liste vient du groupe des parents.",
        ),
        categories=["personal_data", "harassment"],
        urgency="P2",
        referral="platform",
        platforms=["instagram"],
        identifiers=[("handle", "instagram", "@numeros_filles_lycee.demo")],
        age_band="16_17",
        why=B(
            "نشر أرقام وصور عدة تلميذات مع دعوة لمراسلتهن: نشر بيانات شخصية وتحرش، P2؛ راقبوا أي رسالة جنسية.",
            "Numéros et photos de plusieurs élèves publiés avec un appel à leur écrire : données personnelles et harcèlement, P2 ; surveillez tout message sexuel.",
        ),
        why_referral=B(
            "حذف الحساب بسرعة: المنصة بالمعرّف؛ والمؤسسة لحماية التلميذات.",
            "Faire fermer le compte vite : la plateforme avec l'identifiant ; et l'établissement pour protéger les élèves.",
        ),
        level=2,
        why_protocol=B("المستوى 2، مع أولوية طلب الحذف.", "Niveau 2, la demande de retrait en priorité."),
        tell_child=B(
            "لا تردي على الغرباء واحظريهم. سنطلب حذف الحساب ونخبر المؤسسة.",
            "Ne réponds pas aux inconnus, bloque-les. On demande la fermeture du compte et on prévient l'établissement.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "game-friend-photos-for-gems",
        difficulty="hard",
        roles=ALL,
        title=B("صور مقابل جواهر في لعبة", "Des photos contre des gemmes"),
        report="f pubg kayn wa7ed kay3tini UC ila sifft lih tsawer dyali b short. sifft lih 2. daba bgha okhrin "
        "w 9al liya ma tgoulich l chi 7ad. 3ndi 12 3am.",
        language="ar",
        context=B("صبي، 12 سنة.", "Un garçon de 12 ans."),
        categories=["sexual_exploitation", "gaming_exploitation"],
        urgency="P1",
        referral="police",
        platforms=["game"],
        identifiers=[("handle", "game", "UC_king.demo")],
        age_band="10_12",
        why=B(
            "مقايضة صور جسد طفل بعملة اللعبة مع طلب السرية: استغلال جنسي عبر الألعاب، P1. لا مهلة ولا تهديد بعد.",
            "Des photos du corps d'un enfant échangées contre de la monnaie de jeu, avec le secret exigé : exploitation sexuelle par le jeu, P1. Ni échéance ni menace pour l'instant.",
        ),
        why_referral=B(
            "الشرطة بكامل الملف، والمنصة لإيقاف الحساب بعد ذلك.",
            "La police avec tout le dossier, puis la plateforme pour suspendre le compte.",
        ),
        tell_child=B(
            "لست مخطئًا، هو الذي يرتكب جريمة. لا ترسل شيئًا آخر، ولا تحذف المحادثة، وأخبر أحد والديك.",
            "Tu n'as rien fait de mal : c'est lui qui commet un délit. N'envoie plus rien, ne supprime pas la conversation et dis-le à un parent.",
        ),
        tell_parents=PARENTS_URGENT,
    ),
    study(
        "dangerous-challenge",
        difficulty="medium",
        roles=ALL,
        title=B("تحدٍّ خطير في تيكتوك", "Un défi dangereux sur TikTok"),
        report="Tout le monde dans ma classe fait le « blackout challenge » qu'on voit sur tiktok, il faut retenir sa respiration "
        "jusqu'à tomber. Mon petit frère de 10 ans veut le faire avec ses copains demain à la récré.",
        language="fr",
        context=B("أخت، 15 سنة، تبلّغ عن أخيها.", "Une sœur de 15 ans signale pour son frère."),
        categories=["shocking_content"],
        urgency="P0",
        danger=["danger_now"],
        referral="school",
        platforms=["tiktok"],
        reporter_role="witness",
        age_band="10_12",
        why=B(
            "تحدٍّ قد يقتل، وطفل ينوي فعله غدًا: خطر جسدي بتوقيت محدد، P0.",
            "Un défi qui peut tuer et un enfant qui veut le faire demain : danger physique à une heure donnée, P0.",
        ),
        why_referral=B(
            "منع الفعل غدًا في الاستراحة: المؤسسة فورًا، وتنبيه الأولياء.",
            "Empêcher le geste demain à la récré : l'établissement tout de suite, et les parents.",
        ),
        level=3,
        why_protocol=B(
            "خطر على السلامة: المستوى 3، مع حذف الفيديوهات عبر المركز. لا معتدٍ: التدابير لا تنطبق.",
            "Un risque pour la vie : niveau 3, avec le retrait des vidéos par le centre. Pas d'auteur : pas de mesures.",
        ),
        school_steps=steps(skip=("measures",)),
        tell_child=B(
            "أحسنتِ بالإبلاغ. هذا التحدي قتل أطفالًا. أخبري والديك الليلة.",
            "Tu as eu raison de le dire. Ce défi a tué des enfants. Parles-en à tes parents ce soir.",
        ),
        tell_parents=B(
            "تحدثوا مع ابنكم الليلة عن خطر التحدي، والمؤسسة ستتدخل غدًا صباحًا.",
            "Parlez ce soir à votre fils du danger de ce défi ; l'établissement intervient demain matin.",
        ),
    ),
    study(
        "harassment-teacher-witness-gaming",
        difficulty="medium",
        roles=CENTRE,
        title=B("لاعبون يطاردون طفلًا من لعبة إلى أخرى", "Des joueurs poursuivent un enfant de jeu en jeu"),
        report="Des joueurs adultes sur Discord ont créé un serveur « chasse au noob » avec la photo de mon fils (11 ans). "
        "Ils le suivent dans chaque partie pour le tuer et l'insulter en vocal. Il a supprimé ses comptes mais ils ont retrouvé "
        "le nouveau.",
        language="fr",
        context=B("أم تبلّغ.", "Une mère signale."),
        categories=["harassment", "gaming_exploitation", "personal_data"],
        urgency="P2",
        referral="platform",
        platforms=["discord", "game"],
        identifiers=[("url", "discord", "https://discord.example/invite/chasse-demo")],
        reporter_role="parent",
        age_band="10_12",
        why=B(
            "تحرش جماعي متكرر مع صورة الطفل، في الألعاب: تحرش واستغلال في الألعاب ونشر صورة، P2.",
            "Un harcèlement de groupe répété, avec la photo de l'enfant, dans les jeux : harcèlement, jeu, donnée personnelle, P2.",
        ),
        why_referral=B(
            "إغلاق الخادم: المنصة بالرابط فقط.", "Faire fermer le serveur : la plateforme, avec le lien seulement."
        ),
        tell_child=B(
            "ليس خطأك أنك تلعب. سنطلب إغلاق الخادم؛ العب مع أصدقاء تعرفهم فقط حاليًا.",
            "Ce n'est pas ta faute si tu joues. On demande la fermeture du serveur ; pour l'instant, joue seulement avec des amis que tu connais.",
        ),
        tell_parents=PARENTS_CALM,
    ),
    study(
        "exam-leak-other",
        difficulty="easy",
        roles=SCHOOL,
        title=B("تسريب امتحان في مجموعة", "Un sujet d'examen qui circule"),
        report="كاين جروب فالتيليغرام كيبيعو فيه مواضيع الامتحان الجهوي ب 50 درهم. بزاف ديال التلاميذ شراو. واش هادشي قانوني؟",
        language="ar",
        context=B("تلميذ، 15 سنة. لا ضحية طفل.", "Un élève de 15 ans. Aucun enfant victime."),
        categories=["scam"],
        urgency="P3",
        referral="",
        platforms=["telegram"],
        why=B(
            "غالبًا احتيال يستهدف التلاميذ، دون ضحية عنف: احتيال، P3. ليس من اختصاص البروتوكول المدرسي.",
            "Sans doute une escroquerie visant les élèves, sans victime de violence : escroquerie, P3. Hors du protocole scolaire.",
        ),
        why_referral=B(
            "لا إحالة؛ نوجه التلميذ إلى إدارة المؤسسة والأكاديمية.",
            "Pas de transmission ; on oriente l'élève vers la direction et l'académie.",
        ),
        tell_child=B(
            "شكرًا. غالبًا هي مواضيع مزيفة: لا تدفع. يمكنك إخبار إدارة مؤسستك.",
            "Merci. Ce sont souvent de faux sujets : ne paie pas. Tu peux prévenir ta direction.",
        ),
        tell_parents=B(
            "لا شيء مقلق؛ نبهوا أبناءكم من هذه العروض.",
            "Rien d'inquiétant ; mettez vos enfants en garde contre ces offres.",
        ),
    ),
]


QUESTION_SETS: list[dict[str, Any]] = [
    {
        "slug": "resource-team-check",
        "title": B("ما تعرفه عن البروتوكول المدرسي", "Ce que vous savez du protocole scolaire"),
        "questions": [
            {
                "kind": "single",
                "prompt": B(
                    'تلميذة تقول إن شخصًا سينشر صورتها الحميمة "قبل الليل". ما الأولوية؟',
                    "Une élève dit qu'on publiera son image intime « avant ce soir ». Quelle urgence ?",
                ),
                "options": [
                    {"key": "P0", "ar": "P0", "fr": "P0"},
                    {"key": "P1", "ar": "P1", "fr": "P1"},
                    {"key": "P2", "ar": "P2", "fr": "P2"},
                    {"key": "P3", "ar": "P3", "fr": "P3"},
                ],
                "answer": "P0",
                "reason": B("ابتزاز جنسي بمهلة: خطر فوري.", "Une sextorsion avec échéance : danger immédiat."),
            },
            {
                "kind": "multiple",
                "prompt": B("أي الحالات من المستوى 3؟", "Quels cas relèvent du niveau 3 ?"),
                "options": [
                    {"key": "sexual", "ar": "محتوى جنسي لقاصر", "fr": "Contenu sexuel d'un mineur"},
                    {"key": "threat", "ar": "تهديد بالعنف", "fr": "Menace de violence"},
                    {"key": "insult", "ar": "شتيمة واحدة بين صديقين", "fr": "Une insulte isolée entre amis"},
                    {"key": "self_harm", "ar": "خطر إيذاء النفس", "fr": "Risque d'automutilation"},
                ],
                "answer": ["sexual", "threat", "self_harm"],
                "reason": B(
                    "المستوى 3: محتوى جنسي، تهديد، ابتزاز، إيذاء النفس، جريمة.",
                    "Niveau 3 : contenu sexuel, menaces, extorsion, automutilation, délit.",
                ),
            },
            {
                "kind": "ordering",
                "prompt": B("رتّب هذه الخطوات حسب البروتوكول.", "Remettez ces étapes dans l'ordre du protocole."),
                "options": [
                    {"key": "record", "ar": "تسجيل الحالة", "fr": "Enregistrer le signalement"},
                    {"key": "listen", "ar": "الاستماع إلى الضحية", "fr": "Écouter la victime"},
                    {"key": "assess", "ar": "تقييم الخطورة", "fr": "Évaluer la gravité"},
                    {"key": "parents", "ar": "إخبار الأولياء", "fr": "Informer les parents"},
                    {"key": "follow_up_week", "ar": "المتابعة بعد أسبوع", "fr": "Suivi après une semaine"},
                ],
                "answer": ["record", "listen", "assess", "parents", "follow_up_week"],
                "reason": B(
                    "نسجل، نستمع، نقيّم، نخبر، ثم نتابع.",
                    "On enregistre, on écoute, on évalue, on informe, puis on suit.",
                ),
            },
            {
                "kind": "matching",
                "prompt": B("اربط كل وضعية بالجهة المناسبة.", "Associez chaque situation au bon destinataire."),
                "options": [
                    {
                        "key": "knife",
                        "ar": "تهديد بسكين أمام المؤسسة",
                        "fr": "Menace au couteau devant l'établissement",
                    },
                    {"key": "comments", "ar": "تعليقات كراهية علنية", "fr": "Commentaires haineux publics"},
                    {
                        "key": "sad",
                        "ar": "تلميذ حزين بعد التعرض لمحتوى صادم",
                        "fr": "Un élève secoué par une vidéo choquante",
                    },
                ],
                "targets": [
                    {"key": "police", "ar": "الشرطة", "fr": "La police"},
                    {"key": "platform", "ar": "المنصة", "fr": "La plateforme"},
                    {"key": "support", "ar": "الدعم النفسي", "fr": "Le soutien psychologique"},
                ],
                "answer": {"knife": "police", "comments": "platform", "sad": "support"},
                "reason": B(
                    "الخطر للشرطة، الحذف للمنصة، الأثر النفسي للدعم.",
                    "Le danger à la police, le retrait à la plateforme, la détresse au soutien.",
                ),
            },
            {
                "kind": "single",
                "prompt": B(
                    'تلميذ كتب "غادي نموت من الضحك". ماذا تفعل؟',
                    "Un élève écrit « je vais mourir de rire ». Que faites-vous ?",
                ),
                "options": [
                    {"key": "nothing", "ar": "لا خطر: تعبير مجازي", "fr": "Rien d'alarmant : une façon de parler"},
                    {"key": "p0", "ar": "أولوية P0 فورًا", "fr": "P0 immédiatement"},
                    {"key": "police", "ar": "إحالة إلى الشرطة", "fr": "Transmettre à la police"},
                ],
                "answer": "nothing",
                "reason": B(
                    "اقرأ السياق: الضحك والرموز تدل على مزاح.",
                    "Lisez le contexte : les rires et émojis disent la plaisanterie.",
                ),
            },
        ],
    },
    {
        "slug": "analyst-check",
        "title": B("ما تعرفه عن الفرز", "Ce que vous savez du tri"),
        "questions": [
            {
                "kind": "multiple",
                "prompt": B("أي هذه إشارات خطر ترفع الأولوية إلى P0؟", "Lesquels de ces signaux mettent en P0 ?"),
                "options": [
                    {
                        "key": "meeting",
                        "ar": "موعد مع راشد تعرف عليه الطفل عبر الإنترنت",
                        "fr": "Un rendez-vous avec un adulte rencontré en ligne",
                    },
                    {"key": "deadline", "ar": "ابتزاز بمهلة", "fr": "Une sextorsion avec une échéance"},
                    {"key": "rumour", "ar": "إشاعة في مجموعة", "fr": "Une rumeur dans un groupe"},
                    {"key": "gifts", "ar": "إعطاء أغراض أو أدوات", "fr": "Donner ses affaires"},
                ],
                "answer": ["meeting", "deadline", "gifts"],
                "reason": B(
                    "توزيع الأغراض علامة خفية لنية انتحارية.",
                    "Donner ses affaires est un signe caché d'intention suicidaire.",
                ),
            },
            {
                "kind": "matching",
                "prompt": B("ماذا تتلقى كل جهة من الإحالة؟", "Que reçoit chaque destinataire ?"),
                "options": [
                    {"key": "police", "ar": "الشرطة", "fr": "La police"},
                    {"key": "platform", "ar": "المنصة", "fr": "La plateforme"},
                    {"key": "school", "ar": "المؤسسة", "fr": "L'établissement"},
                ],
                "targets": [
                    {"key": "full", "ar": "الملف الكامل", "fr": "Tout le dossier"},
                    {"key": "identifiers", "ar": "المعرّفات والروابط فقط", "fr": "Les identifiants et liens seulement"},
                    {
                        "key": "minimal",
                        "ar": "وقائع دنيا، بلا صور ولا معرّفات",
                        "fr": "Des faits minimaux, ni images ni identifiants",
                    },
                ],
                "answer": {"police": "full", "platform": "identifiers", "school": "minimal"},
                "reason": B("كل جهة تتلقى ما تحتاجه فقط.", "Chacun reçoit ce dont il a besoin, rien de plus."),
            },
            {
                "kind": "ordering",
                "prompt": B("رتّب من الأكثر إلحاحًا إلى الأقل.", "Classez du plus urgent au moins urgent."),
                "options": [
                    {"key": "suicide", "ar": "نية انتحار الليلة", "fr": "Intention suicidaire ce soir"},
                    {"key": "sextortion", "ar": "ابتزاز دون مهلة", "fr": "Sextorsion sans échéance"},
                    {"key": "doxxing", "ar": "نشر العنوان", "fr": "Adresse publiée"},
                    {"key": "scam", "ar": "احتيال في لعبة", "fr": "Arnaque dans un jeu"},
                ],
                "answer": ["suicide", "sextortion", "doxxing", "scam"],
                "reason": B("P0، ثم P1، ثم P2، ثم P3.", "P0, puis P1, puis P2, puis P3."),
            },
            {
                "kind": "single",
                "prompt": B(
                    "قاصر أرسل صورة حميمة ثم هُدد. ما تنصحه؟",
                    "Un mineur a envoyé une image intime et il est menacé. Que lui conseiller ?",
                ),
                "options": [
                    {"key": "pay", "ar": "يدفع مرة واحدة لينتهي الأمر", "fr": "Payer une fois pour que ça s'arrête"},
                    {
                        "key": "keep",
                        "ar": "لا يدفع، يحتفظ بالأدلة، يخبر راشدًا",
                        "fr": "Ne pas payer, garder les preuves, parler à un adulte",
                    },
                    {"key": "delete", "ar": "يحذف المحادثة كلها", "fr": "Supprimer toute la conversation"},
                ],
                "answer": "keep",
                "reason": B(
                    "الدفع لا يوقف الابتزاز أبدًا؛ الأدلة تساعد الشرطة.",
                    "Payer n'arrête jamais la sextorsion ; les preuves aident la police.",
                ),
            },
        ],
    },
]
