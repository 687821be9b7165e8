/**
 * Three fictional individual plans in Fjordvik kommune, for the demo and for every test database:
 * a child with cerebral palsy moving from barnehage to school, a young adult followed up by
 * psychiatry and rus services, and an older person in hverdagsrehabilitering after a fall.
 *
 * Written as data (PlanSpec) and played in order, the way people would have done it through the
 * app: the coordinator starts the plan, the plan's own words are written, members are invited
 * and join, consent is given, goals and tasks are made, a meeting is held with minutes and
 * decisions that became tasks, notes are written, the next meeting is set. Every step is a
 * plan_event with the next revision (1..N), so the plan's revision equals its last event.
 * Dates are relative to the day of seeding, so the demo always looks current.
 * Every name, address and detail here is made up.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AgendaItem, Decision, EntityType, FieldRevisions, GoalStatus, LifeArea, PlanRole, TaskStatus } from '#contracts';
import { demoAccount } from './demo-accounts';

// ---------------------------------------------------------------- the shape of a demo plan

/** The ids demo-seed.ts made (its DemoIds; not imported, so that the seed steps import no cycle). */
interface DemoIds {
  tenants: Record<string, string>;
  /** `${tenantSlug}/${key}` → account id */
  accounts: Record<string, string>;
}

/** Days from the day of seeding (negative: in the past), and a local time in Norway. */
type When = [days: number, time: `${number}:${number}`];

interface MemberSpec {
  key: string;
  /** A demo login (key in demo-accounts.ts, tenant fjordvik); absent: invited, not yet joined. */
  account?: string;
  name?: string;
  email?: string | null;
  phone?: string | null;
  role: PlanRole;
  service?: string;
  organisation?: string;
  contribution: string;
  /** Consent for this member to see the plan (relatives and professionals). */
  consent?: boolean;
}

interface GoalSpec {
  key: string;
  by: string;
  title: string;
  description: string;
  lifeArea: LifeArea;
  status: GoalStatus;
  targetDays: number | null;
}

interface TaskSpec {
  key: string;
  by: string;
  goal: string | null;
  title: string;
  how: string;
  scope: string;
  responsible: string;
  startDays: number | null;
  dueDays: number | null;
  status: TaskStatus;
}

interface DecisionSpec {
  text: string;
  /** The decision became this task, in the same change. */
  task?: TaskSpec;
}

interface MeetingSpec {
  key: string;
  title: string;
  at: When;
  minutes: number;
  location: string;
  videoUrl?: string;
  agenda: [title: string, done: boolean][];
  /** Created this many days before the meeting. */
  createdDaysBefore: number;
}

interface HeldMeetingSpec extends MeetingSpec {
  attendees: string[];
  referat: string;
  decisions: DecisionSpec[];
}

interface NoteSpec {
  key: string;
  by: string;
  at: When;
  body: string;
  target?: { type: 'goal' | 'task' | 'meeting'; key: string };
  replyTo?: string;
}

interface PlanSpec {
  title: string;
  personName: string;
  coordinator: string;
  /** Who wrote the plan's own words (the person, where they have a login). */
  wordsBy: string;
  startedDays: number;
  whatMatters: string;
  resources: string;
  needs: string;
  cooperation: string;
  periodStartDays: number;
  periodEndDays: number;
  nextEvaluationDays: number;
  members: MemberSpec[];
  /** Who gave consent, when the person has no login: consent given on paper, registered by the coordinator. */
  paperConsentBy?: string;
  goals: GoalSpec[];
  tasks: TaskSpec[];
  pastMeeting: HeldMeetingSpec;
  notes: NoteSpec[];
  nextMeeting: MeetingSpec;
}

// ---------------------------------------------------------------- the three plans

const KARI: MemberSpec = {
  key: 'kari',
  account: 'coordinator',
  role: 'coordinator',
  service: 'Helsesykepleier',
  organisation: 'Helsestasjonen, Fjordvik kommune',
  contribution: 'Koordinator. Holder i planarbeidet, kaller inn til ansvarsgruppemøter og passer på at det som er avtalt, blir gjort.',
};

const EMIL: PlanSpec = {
  title: 'Emils plan',
  personName: 'Emil Strand',
  coordinator: 'kari',
  wordsBy: 'kari',
  startedDays: -120,
  whatMatters:
    'Emil: «Jeg vil gå i samme klasse som Sander og Ida. Og jeg vil være med ut i friminuttet.»\n\n' +
    'Mamma og pappa: Det viktigste for oss er at Emil blir trygg på skolen, får være sammen med vennene sine fra barnehagen, ' +
    'og at han ikke er helt utslitt når han kommer hjem.',
  resources:
    'Emil er nysgjerrig, sosial og glad i å tegne og bygge med lego. Han går med rullator korte strekninger inne og bruker ' +
    'rullestol ute. Han har gode venner i Solsikken barnehage som skal begynne i samme klasse. Foreldrene kjenner hjelpemidlene ' +
    'godt og har et godt samarbeid med barnehagen. Besteforeldrene bor i nærheten og kan hente.',
  needs:
    'Tilrettelagt skolevei og skoleskyss. Tilpasning av klasserom, toalett og uteområde. Assistent i deler av skoledagen. ' +
    'Daglig trening av gangfunksjon og finmotorikk. Faste pauser og et sted å hvile. Opplæring av de ansatte på skolen i ' +
    'forflytning og bruk av hjelpemidler.',
  cooperation:
    'Habiliteringstjenesten for barn ved Fjordvik sykehus: årlig kontroll og veiledning av foreldre, barnehage og skole. ' +
    'PPT: sakkyndig vurdering av behovet for spesialundervisning. Fjordvik skole: rektor og kontaktlærer. Solsikken barnehage ' +
    'fram til skolestart. NAV Hjelpemiddelsentral: hjelpemidler. Fastlegen: legeerklæring til søknad om skoleskyss.',
  periodStartDays: -110,
  periodEndDays: 610,
  nextEvaluationDays: 60,
  members: [
    KARI,
    {
      key: 'line',
      name: 'Line Strand',
      email: 'line.strand@epost.example',
      phone: '911 22 301',
      role: 'guardian',
      contribution: 'Mor. Søker om skoleskyss og er med på befaringen på skolen.',
    },
    {
      key: 'martin',
      name: 'Martin Strand',
      email: 'martin.strand@epost.example',
      phone: '911 22 302',
      role: 'guardian',
      contribution: 'Far. Følger opp gåtreningen hjemme på kveldstid og i helgene.',
    },
    {
      key: 'per',
      account: 'professional',
      role: 'professional',
      service: 'Ergoterapi',
      organisation: 'Fysio- og ergoterapitjenesten, Fjordvik kommune',
      contribution: 'Vurderer og tilrettelegger skolen og hjelpemidlene, og trener finmotorikk med Emil.',
      consent: true,
    },
    {
      key: 'maria',
      name: 'Maria Solheim',
      email: 'maria.solheim@fjordvik.example',
      role: 'professional',
      service: 'PPT',
      organisation: 'Pedagogisk-psykologisk tjeneste, Fjordvik kommune',
      contribution: 'Sakkyndig vurdering av behovet for spesialundervisning og assistent.',
      consent: true,
    },
    {
      key: 'jorunn',
      name: 'Jorunn Aas',
      email: 'jorunn.aas@fjordvik-skole.example',
      role: 'professional',
      service: 'Kontaktlærer 1. trinn',
      organisation: 'Fjordvik skole',
      contribution: 'Forbereder klassen og skoledagen, og lager dagsplan med faste pauser.',
      consent: true,
    },
    {
      key: 'erik',
      name: 'Erik Myhre',
      email: 'erik.myhre@fjordvik-sykehus.example',
      role: 'professional',
      service: 'Fysioterapeut, Habiliteringstjenesten for barn',
      organisation: 'Fjordvik sykehus',
      contribution: 'Lager treningsprogram for gange og veileder foreldre, barnehage og skole.',
      consent: true,
    },
  ],
  paperConsentBy: 'Line Strand og Martin Strand',
  goals: [
    {
      key: 'skole',
      by: 'kari',
      title: 'Begynne på skolen sammen med vennene mine',
      description: 'Emil er trygg i klassen og er med i friminutt og aktiviteter på lik linje med de andre.',
      lifeArea: 'skole_arbeid',
      status: 'in_progress',
      targetDays: 100,
    },
    {
      key: 'gaa',
      by: 'kari',
      title: 'Gå selv fra klasserommet til skolegården',
      description: 'Med rullator, uten å måtte stoppe for å hvile.',
      lifeArea: 'helse',
      status: 'in_progress',
      targetDays: 180,
    },
    {
      key: 'orke',
      by: 'kari',
      title: 'Orke hele skoledagen og SFO',
      description: 'Nok pauser og hvile til at Emil har krefter igjen når han kommer hjem.',
      lifeArea: 'hverdagsmestring',
      status: 'not_started',
      targetDays: 240,
    },
  ],
  tasks: [
    {
      key: 'ppt',
      by: 'kari',
      goal: 'skole',
      title: 'Sakkyndig vurdering av spesialundervisning og assistent',
      how: 'PPT observerer Emil i barnehagen og snakker med foreldrene. Rapporten sendes skolen.',
      scope: 'To observasjoner og én samtale',
      responsible: 'maria',
      startDays: -60,
      dueDays: 21,
      status: 'in_progress',
    },
    {
      key: 'program',
      by: 'kari',
      goal: 'gaa',
      title: 'Lage treningsprogram for gange',
      how: 'Fysioterapeut fra Habiliteringstjenesten lager programmet og viser foreldrene og barnehagen øvelsene.',
      scope: 'Ett besøk',
      responsible: 'erik',
      startDays: -40,
      dueDays: -20,
      status: 'done',
    },
    {
      key: 'trening',
      by: 'kari',
      goal: 'gaa',
      title: 'Gåtrening med rullator hjemme',
      how: 'Etter programmet fra Habiliteringstjenesten, helst ute når været tillater det.',
      scope: '15 minutter hver dag',
      responsible: 'martin',
      startDays: -20,
      dueDays: 180,
      status: 'in_progress',
    },
    {
      key: 'opplaering',
      by: 'per',
      goal: 'orke',
      title: 'Opplæring av de ansatte på skolen i forflytning og hjelpemidler',
      how: 'Praktisk gjennomgang på skolen med assistent og kontaktlærer.',
      scope: 'To samlinger à 2 timer',
      responsible: 'per',
      startDays: 40,
      dueDays: 80,
      status: 'planned',
    },
    {
      key: 'dagsplan',
      by: 'kari',
      goal: 'orke',
      title: 'Lage dagsplan med faste hvilepauser',
      how: 'Kontaktlærer lager planen sammen med foreldrene og ergoterapeut.',
      scope: '',
      responsible: 'jorunn',
      startDays: 30,
      dueDays: 95,
      status: 'planned',
    },
  ],
  pastMeeting: {
    key: 'overgang',
    title: 'Ansvarsgruppemøte: overgang fra barnehage til skole',
    at: [-14, '13:00'],
    minutes: 90,
    location: 'Helsestasjonen, møterom Fjorden',
    createdDaysBefore: 21,
    agenda: [
      ['Hvordan har Emil det nå?', true],
      ['Skolestart: hva må være på plass?', true],
      ['Sakkyndig vurdering fra PPT', true],
      ['Hjelpemidler og skoleskyss', true],
      ['Neste møte', true],
    ],
    attendees: ['kari', 'line', 'martin', 'per', 'maria', 'jorunn'],
    referat:
      'Til stede: Line og Martin Strand, Kari Nilsen (koordinator), Per Hansen (ergoterapeut), Maria Solheim (PPT), ' +
      'Jorunn Aas (kontaktlærer). Erik Myhre (Habiliteringstjenesten) hadde meldt forfall.\n\n' +
      '1. Hvordan har Emil det nå?\nEmil trives i barnehagen og snakker mye om skolen. Han blir fort sliten på ettermiddagen, ' +
      'særlig etter turdager. Gåtreningen hjemme går bra; han går lenger med rullatoren enn i vinter.\n\n' +
      '2. Skolestart\nSkolen har plass i klasserommet i første etasje. Toalettet må tilpasses, og det mangler rampe ved ' +
      'hovedinngangen. Foreldrene ønsker at Emil skal få besøke skolen flere ganger før oppstart.\n\n' +
      '3. PPT\nMaria har observert Emil én gang i barnehagen. Den sakkyndige vurderingen blir klar i god tid før skolestart.\n\n' +
      '4. Hjelpemidler og skoleskyss\nPer undersøker om Emil trenger en annen stol og et arbeidsbord med regulerbar høyde. ' +
      'Skoleskyss må søkes hos fylkeskommunen med legeerklæring.\n\n' +
      '5. Neste møte\nPå skolen, slik at Emil kan bli kjent med stedet.',
    decisions: [
      {
        text: 'Skolen og ergoterapeut gjør befaring sammen med familien innen to uker.',
        task: {
          key: 'befaring',
          by: 'kari',
          goal: 'skole',
          title: 'Befaring på Fjordvik skole: klasserom, toalett og uteområde',
          how: 'Ergoterapeut, kontaktlærer og foreldrene går gjennom skolen sammen med Emil og lager en liste over tilpasninger.',
          scope: 'Ett besøk, 2 timer',
          responsible: 'per',
          startDays: -14,
          dueDays: 3,
          status: 'in_progress',
        },
      },
      {
        text: 'Foreldrene søker om tilrettelagt skoleskyss. Fastlegen skriver legeerklæring.',
        task: {
          key: 'skyss',
          by: 'kari',
          goal: 'skole',
          title: 'Søke om tilrettelagt skoleskyss',
          how: 'Søknad til fylkeskommunen, med legeerklæring fra fastlegen.',
          scope: 'Én søknad',
          responsible: 'line',
          startDays: -14,
          dueDays: 30,
          status: 'planned',
        },
      },
      { text: 'Neste ansvarsgruppemøte holdes på skolen.' },
    ],
  },
  notes: [
    {
      key: 'referat',
      by: 'kari',
      at: [-13, '09:10'],
      body: 'Referatet fra møtet ligger nå i planen. Si fra hvis noe mangler eller er feil.',
      target: { type: 'meeting', key: 'overgang' },
    },
    {
      key: 'rampe',
      by: 'per',
      at: [-6, '14:25'],
      body: 'Har snakket med vaktmesteren om rampe ved hovedinngangen. Han ser på det neste uke.',
      target: { type: 'task', key: 'befaring' },
    },
    {
      key: 'rampe-svar',
      by: 'kari',
      at: [-6, '15:02'],
      body: 'Fint, @Per Hansen! Jeg tar det opp med rektor også.',
      replyTo: 'rampe',
    },
  ],
  nextMeeting: {
    key: 'for-skolestart',
    title: 'Ansvarsgruppemøte før skolestart',
    at: [21, '12:30'],
    minutes: 90,
    location: 'Fjordvik skole, personalrommet',
    createdDaysBefore: 33,
    agenda: [
      ['Runde: hvordan går det?', false],
      ['Resultat av befaringen', false],
      ['Sakkyndig vurdering og vedtak om assistent', false],
      ['Dagsplan og pauser', false],
      ['Omvisning på skolen for Emil', false],
    ],
  },
};

const AINA: PlanSpec = {
  title: 'Ainas plan',
  personName: 'Aina Lund',
  coordinator: 'kari',
  wordsBy: 'aina',
  startedDays: -90,
  whatMatters:
    'Jeg vil ha et sted å bo som er mitt eget, og en grunn til å stå opp om morgenen. Jeg vil ikke ha for mange folk rundt meg, ' +
    'heller noen få jeg stoler på. Og jeg vil holde meg rusfri.',
  resources:
    'Aina er god med folk og glad i å lage mat. Hun har fullført to år på restaurant- og matfag. Hun har god kontakt med faren ' +
    'sin, Jonas. Hun har vært rusfri i fire måneder og går fast til samtaler.',
  needs:
    'Egen bolig, med tett oppfølging i starten. Et dagtilbud som kan bli til arbeid. Fast oppfølging av psykisk helse og rus. ' +
    'Hjelp til å få oversikt over økonomien.',
  cooperation:
    'DPS Fjordvik, poliklinikk for psykisk helse og rus: behandling og samtaler. NAV Fjordvik: arbeidsrettet oppfølging og ' +
    'økonomi. Boligkontoret i Fjordvik kommune: kommunal bolig. Kafé Kaia: arbeidstrening.',
  periodStartDays: -80,
  periodEndDays: 285,
  nextEvaluationDays: 45,
  members: [
    KARI,
    { key: 'aina', account: 'citizen', role: 'person', contribution: 'Går på jobbtrening og til samtaler. Sier fra når noe blir for mye.' },
    {
      key: 'jonas',
      account: 'relative',
      role: 'relative',
      contribution: 'Far. Middag sammen hver søndag, og hjelper med flyttingen.',
      consent: true,
    },
    {
      key: 'thomas',
      name: 'Thomas Lie',
      email: 'thomas.lie@fjordvik.example',
      role: 'professional',
      service: 'Miljøterapeut, Miljøteamet',
      organisation: 'Avdeling for psykisk helse og rus, Fjordvik kommune',
      contribution: 'Hjelper med boligsøknaden og følger opp Aina hjemme de første månedene.',
      consent: true,
    },
    {
      key: 'sara',
      name: 'Sara Dahl',
      email: 'sara.dahl@nav.example',
      role: 'professional',
      service: 'Veileder',
      organisation: 'NAV Fjordvik',
      contribution: 'Arbeidsrettet oppfølging, tiltaksplass og økonomi.',
      consent: true,
    },
  ],
  goals: [
    {
      key: 'bolig',
      by: 'aina',
      title: 'Bo i min egen leilighet',
      description: 'En liten leilighet i sentrum, med besøk fra miljøteamet i starten.',
      lifeArea: 'bolig',
      status: 'in_progress',
      targetDays: 120,
    },
    {
      key: 'jobb',
      by: 'aina',
      title: 'Jobbe på kafé',
      description: 'Starte med arbeidstrening på Kafé Kaia to dager i uka, og øke når det går bra.',
      lifeArea: 'skole_arbeid',
      status: 'in_progress',
      targetDays: 200,
    },
    {
      key: 'rusfri',
      by: 'aina',
      title: 'Holde meg rusfri og ha det bra',
      description: 'Fortsette samtalene på DPS og ha noen å ringe når det er tungt.',
      lifeArea: 'helse',
      status: 'in_progress',
      targetDays: 285,
    },
    {
      key: 'penger',
      by: 'kari',
      title: 'Ha oversikt over pengene mine',
      description: 'Vite hva som kommer inn og hva som går ut hver måned.',
      lifeArea: 'okonomi',
      status: 'not_started',
      targetDays: 150,
    },
  ],
  tasks: [
    {
      key: 'boligsoknad',
      by: 'kari',
      goal: 'bolig',
      title: 'Søke om kommunal bolig',
      how: 'Thomas hjelper Aina med søknaden til boligkontoret.',
      scope: 'Én søknad',
      responsible: 'thomas',
      startDays: -75,
      dueDays: -50,
      status: 'done',
    },
    {
      key: 'oppfolging',
      by: 'kari',
      goal: 'bolig',
      title: 'Oppfølging i egen bolig de første månedene',
      how: 'Miljøteamet kommer på besøk og hjelper med det praktiske: handling, post og faste rutiner.',
      scope: '2 besøk i uka',
      responsible: 'thomas',
      startDays: 40,
      dueDays: 130,
      status: 'planned',
    },
    {
      key: 'kafe',
      by: 'aina',
      goal: 'jobb',
      title: 'Arbeidstrening på Kafé Kaia',
      how: 'Aina jobber på kjøkkenet med fast kontaktperson. NAV følger opp.',
      scope: '2 dager i uka, 4 timer',
      responsible: 'aina',
      startDays: -30,
      dueDays: 150,
      status: 'in_progress',
    },
    {
      key: 'dps',
      by: 'aina',
      goal: 'rusfri',
      title: 'Samtaler på DPS',
      how: 'Fast time hos behandler på poliklinikken.',
      scope: '1 time i uka',
      responsible: 'aina',
      startDays: -90,
      dueDays: 285,
      status: 'in_progress',
    },
    {
      key: 'budsjett',
      by: 'kari',
      goal: 'penger',
      title: 'Lage budsjett sammen',
      how: 'To samtaler med veileder i NAV. Aina tar med kontoutskrifter.',
      scope: '2 samtaler',
      responsible: 'sara',
      startDays: 14,
      dueDays: 60,
      status: 'planned',
    },
  ],
  pastMeeting: {
    key: 'ansvarsgruppe',
    title: 'Ansvarsgruppemøte',
    at: [-10, '10:00'],
    minutes: 60,
    location: 'Fjordvik rådhus, lite møterom i 2. etasje',
    createdDaysBefore: 14,
    agenda: [
      ['Hvordan har du det?', true],
      ['Bolig', true],
      ['Arbeidstrening på Kafé Kaia', true],
      ['Økonomi', true],
    ],
    attendees: ['aina', 'jonas', 'kari', 'thomas', 'sara'],
    referat:
      'Til stede: Aina, Jonas, Kari (koordinator), Thomas (miljøteamet), Sara (NAV). Møtet ble holdt i et lite rom, slik Aina ønsker.\n\n' +
      'Hvordan har du det?\nAina sier at hun har hatt noen tunge dager, men at samtalene på DPS hjelper. Hun har vært rusfri siden ' +
      'forrige møte.\n\n' +
      'Bolig\nBoligkontoret har godkjent søknaden. En leilighet i Strandveien kan bli ledig om omtrent en måned. Aina vil gjerne ' +
      'se den først.\n\n' +
      'Arbeidstrening\nAina har vært på kafeen i tre uker og trives på kjøkkenet. Tiltaksplassen må avklares med NAV.\n\n' +
      'Økonomi\nAina ønsker hjelp til å sette opp et enkelt budsjett før hun flytter.',
    decisions: [
      {
        text: 'NAV avklarer tiltaksplass og inntekt under arbeidstreningen innen to uker.',
        task: {
          key: 'tiltaksplass',
          by: 'kari',
          goal: 'jobb',
          title: 'Avklare tiltaksplass og inntekt under arbeidstrening',
          how: 'Sara avklarer med NAV og gir beskjed til Aina og kafeen.',
          scope: '',
          responsible: 'sara',
          startDays: -10,
          dueDays: 4,
          status: 'in_progress',
        },
      },
      {
        text: 'Jonas hjelper Aina med flyttingen når kontrakten er klar.',
        task: {
          key: 'flytting',
          by: 'kari',
          goal: 'bolig',
          title: 'Flytte inn i leiligheten',
          how: 'Jonas låner henger og henter møbler. Thomas er med første dag.',
          scope: 'Én helg',
          responsible: 'jonas',
          startDays: 30,
          dueDays: 45,
          status: 'planned',
        },
      },
      { text: 'Vi fortsetter med få deltakere på møtene, slik Aina ønsker.' },
    ],
  },
  notes: [
    {
      key: 'kafe-uke',
      by: 'aina',
      at: [-5, '18:40'],
      body: 'Første hele uka på kafeen er gjort! Jeg var sliten, men det gikk bra. Bakte boller til hele lunsjen.',
      target: { type: 'goal', key: 'jobb' },
    },
    {
      key: 'kafe-svar',
      by: 'jonas',
      at: [-5, '20:15'],
      body: 'Så stolt av deg, Aina!',
      replyTo: 'kafe-uke',
    },
    {
      key: 'visning',
      by: 'kari',
      at: [-3, '11:30'],
      body: 'Boligkontoret har satt opp visning i Strandveien på torsdag kl. 14. @Aina, vil du at Thomas eller jeg blir med?',
      target: { type: 'goal', key: 'bolig' },
    },
  ],
  nextMeeting: {
    key: 'evaluering',
    title: 'Ansvarsgruppemøte med evaluering',
    at: [28, '10:00'],
    minutes: 60,
    location: 'Kafé Kaia, bakrommet',
    videoUrl: 'https://video.fjordvik.example/mote/ansvarsgruppe-aina',
    createdDaysBefore: 36,
    agenda: [
      ['Hvordan har du det?', false],
      ['Flyttingen', false],
      ['Arbeidstrening: fortsette eller øke?', false],
      ['Evaluering av planen', false],
    ],
  },
};

const INGRID: PlanSpec = {
  title: 'Ingrids plan: hverdagsrehabilitering',
  personName: 'Ingrid Haugen',
  coordinator: 'kari',
  wordsBy: 'kari',
  startedDays: -26,
  whatMatters:
    'Ingrid: «Jeg vil klare å gå på butikken selv igjen, og lage middag til meg selv. ' +
    'Og så vil jeg komme meg på seniortreffet på onsdagene.»',
  resources:
    'Ingrid er 84 år og bor alene i egen leilighet i andre etasje, med heis. Hun er bestemt og motivert, og har alltid vært aktiv. ' +
    'Datteren Siri bor i nabokommunen og kommer hver helg. Naboene er hjelpsomme.',
  needs:
    'Trening av styrke og balanse etter lårhalsbruddet. Å bli trygg på å gå ute alene. Tilpasninger i hjemmet for å unngå nye fall. ' +
    'Hjelp til dusj de første ukene.',
  cooperation:
    'Fastlegen: medisingjennomgang etter fallet. Fjordvik sykehus, ortopedisk poliklinikk: kontroll etter operasjonen. ' +
    'Frivilligsentralen: turvenn etter at rehabiliteringen er over.',
  periodStartDays: -17,
  periodEndDays: 39,
  nextEvaluationDays: 4,
  members: [
    KARI,
    {
      key: 'ingrid',
      name: 'Ingrid Haugen',
      email: 'ingrid.haugen@epost.example',
      phone: '722 11 840',
      role: 'person',
      contribution: 'Trener hver dag og går tur til postkassen.',
    },
    {
      key: 'siri',
      name: 'Siri Haugen',
      email: 'siri.haugen@epost.example',
      phone: '934 55 120',
      role: 'relative',
      contribution: 'Datter. Handler med Ingrid i helgene og blir med på butikken første gang.',
      consent: true,
    },
    {
      key: 'hanne',
      name: 'Hanne Moe',
      email: 'hanne.moe@fjordvik.example',
      role: 'professional',
      service: 'Fysioterapeut, hverdagsrehabilitering',
      organisation: 'Fysio- og ergoterapitjenesten, Fjordvik kommune',
      contribution: 'Styrke- og balansetrening hjemme hos Ingrid.',
      consent: true,
    },
    {
      key: 'per',
      account: 'professional',
      role: 'professional',
      service: 'Ergoterapeut, hverdagsrehabilitering',
      organisation: 'Fysio- og ergoterapitjenesten, Fjordvik kommune',
      contribution: 'Tilpasser hjemmet og øver på matlaging og dusj med Ingrid.',
      consent: true,
    },
    {
      key: 'ola',
      account: 'coordinator2',
      role: 'professional',
      service: 'Sykepleier',
      organisation: 'Hjemmetjenesten, Fjordvik kommune',
      contribution: 'Dusjhjelp som trappes ned, og medisiner.',
      consent: true,
    },
  ],
  paperConsentBy: 'Ingrid Haugen',
  goals: [
    {
      key: 'butikken',
      by: 'kari',
      title: 'Gå på butikken selv',
      description: 'Gå de 400 meterne til nærbutikken med rullator, handle og ta varene med hjem i kurven.',
      lifeArea: 'hverdagsmestring',
      status: 'in_progress',
      targetDays: 35,
    },
    {
      key: 'middag',
      by: 'kari',
      title: 'Lage middag selv',
      description: 'Stå ved kjøkkenbenken lenge nok til å lage en enkel middag.',
      lifeArea: 'hverdagsmestring',
      status: 'in_progress',
      targetDays: 28,
    },
    {
      key: 'dusj',
      by: 'per',
      title: 'Dusje uten hjelp',
      description: 'Med støttehåndtak og dusjkrakk.',
      lifeArea: 'helse',
      status: 'in_progress',
      targetDays: 35,
    },
    {
      key: 'seniortreff',
      by: 'kari',
      title: 'Komme meg på seniortreffet på onsdagene',
      description: 'Seniortreffet er på Frivilligsentralen, 600 meter hjemmefra.',
      lifeArea: 'nettverk',
      status: 'not_started',
      targetDays: 35,
    },
  ],
  tasks: [
    {
      key: 'balanse',
      by: 'kari',
      goal: 'butikken',
      title: 'Styrke- og balansetrening hjemme',
      how: 'Fysioterapeuten trener med Ingrid i trappa og i gangen. Øvelsesprogram med bilder ligger på kjøkkenbenken.',
      scope: '3 ganger i uka, 45 minutter',
      responsible: 'hanne',
      startDays: -17,
      dueDays: 35,
      status: 'in_progress',
    },
    {
      key: 'postkassen',
      by: 'kari',
      goal: 'butikken',
      title: 'Gå tur til postkassen og tilbake',
      how: 'Med rullator, hver formiddag. Ingrid krysser av på arket på kjøleskapet.',
      scope: 'Hver dag',
      responsible: 'ingrid',
      startDays: -17,
      dueDays: 35,
      status: 'in_progress',
    },
    {
      key: 'kjokken',
      by: 'per',
      goal: 'middag',
      title: 'Øve på matlaging med tilpasset kjøkkenutstyr',
      how: 'Ergoterapeuten øver sammen med Ingrid og finner ut hva som må flyttes lavere i skapene.',
      scope: '2 ganger i uka',
      responsible: 'per',
      startDays: -15,
      dueDays: 28,
      status: 'in_progress',
    },
    {
      key: 'dusjhjelp',
      by: 'kari',
      goal: 'dusj',
      title: 'Dusjhjelp, trappes gradvis ned',
      how: 'Fra hjelp til tilsyn, og så til at Ingrid dusjer selv.',
      scope: '2 ganger i uka',
      responsible: 'ola',
      startDays: -17,
      dueDays: 35,
      status: 'in_progress',
    },
    {
      key: 'medisiner',
      by: 'kari',
      goal: null,
      title: 'Bestille medisingjennomgang hos fastlegen',
      how: 'Sykepleieren bestiller time og sender oversikt over medisinene til fastlegen.',
      scope: '',
      responsible: 'ola',
      startDays: -17,
      dueDays: 4,
      status: 'planned',
    },
  ],
  pastMeeting: {
    key: 'oppstart',
    title: 'Oppstartsmøte hverdagsrehabilitering',
    at: [-17, '11:00'],
    minutes: 60,
    location: 'Hjemme hos Ingrid, Fjordveien 12',
    createdDaysBefore: 3,
    agenda: [
      ['Hva er viktige aktiviteter for deg nå?', true],
      ['Mål for de neste seks ukene', true],
      ['Trening og hvem som gjør hva', true],
      ['Tilpasninger i hjemmet', true],
    ],
    attendees: ['ingrid', 'siri', 'kari', 'hanne', 'per', 'ola'],
    referat:
      'Til stede: Ingrid, datteren Siri, Kari (koordinator), Hanne (fysioterapeut), Per (ergoterapeut), Ola (hjemmetjenesten).\n\n' +
      'Hva er viktig for deg nå?\nIngrid vil klare seg selv igjen. Det viktigste er å gå på butikken, lage middag og komme seg på ' +
      'seniortreffet. Hun er redd for å falle igjen, særlig ute.\n\n' +
      'Mål og trening\nVi ble enige om fire mål. Hanne kommer tre ganger i uka. Ingrid går til postkassen hver dag.\n\n' +
      'Hjemmet\nPer så på badet og kjøkkenet. Det trengs støttehåndtak ved dusjen og toalettet, og de løse teppene i gangen bør bort.\n\n' +
      'Midtveisevaluering om tre uker.',
    decisions: [
      {
        text: 'Ergoterapeut monterer støttehåndtak på badet og fjerner løse tepper denne uka.',
        task: {
          key: 'handtak',
          by: 'kari',
          goal: 'dusj',
          title: 'Sette opp støttehåndtak på badet og fjerne løse tepper',
          how: 'Per bestiller håndtak fra hjelpemiddellageret og monterer dem sammen med vaktmesteren.',
          scope: 'Ett besøk',
          responsible: 'per',
          startDays: -17,
          dueDays: -14,
          status: 'done',
        },
      },
      {
        text: 'Siri blir med Ingrid på butikken første gang.',
        task: {
          key: 'forste-tur',
          by: 'kari',
          goal: 'butikken',
          title: 'Følge Ingrid på butikken første gang',
          how: 'En lørdag formiddag når det er lite folk. Ta pause på benken ved kirka.',
          scope: 'Én tur',
          responsible: 'siri',
          startDays: 0,
          dueDays: 10,
          status: 'planned',
        },
      },
      { text: 'Midtveisevaluering om tre uker, hjemme hos Ingrid.' },
    ],
  },
  notes: [
    {
      key: 'handtak-ok',
      by: 'per',
      at: [-16, '13:40'],
      body: 'Håndtakene på badet er på plass, og teppene i gangen er tatt bort.',
      target: { type: 'task', key: 'handtak' },
    },
    {
      key: 'dusj-tilsyn',
      by: 'ola',
      at: [-4, '09:30'],
      body: 'Ingrid dusjet med bare tilsyn i dag. Stor framgang!',
      target: { type: 'goal', key: 'dusj' },
    },
    {
      key: 'postkassen',
      by: 'kari',
      at: [-2, '15:10'],
      body: 'Siri forteller på telefon at Ingrid gikk til postkassen og tilbake to ganger i går.',
      target: { type: 'goal', key: 'butikken' },
    },
  ],
  nextMeeting: {
    key: 'midtveis',
    title: 'Midtveisevaluering',
    at: [4, '11:00'],
    minutes: 45,
    location: 'Hjemme hos Ingrid, Fjordveien 12',
    createdDaysBefore: 21,
    agenda: [
      ['Hvordan går det med målene?', false],
      ['Trening videre', false],
      ['Dusj og hjemmetjenesten', false],
      ['Seniortreffet', false],
    ],
  },
};

export const DEMO_PLANS: readonly PlanSpec[] = [EMIL, AINA, INGRID];

// ---------------------------------------------------------------- playing a plan into the database

const OSLO = 'Europe/Oslo';

/** The instant of a local time in Norway, `days` from `today` (a calendar day in Norway). */
function instant(today: string, [days, time]: When): Date {
  const [h, m] = time.split(':').map(Number);
  const [y, mo, d] = today.split('-').map(Number);
  const guess = new Date(Date.UTC(y, mo - 1, d + days, h, m));
  // The offset of Norway at that moment (+01:00 or +02:00).
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: OSLO, timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');
  const [oh, om] = offset ? offset.split(':').map(Number) : [0, 0];
  return new Date(guess.getTime() - Math.sign(oh) * (Math.abs(oh) * 60 + (om || 0)) * 60_000);
}

function dateOnly(today: string, days: number | null): string | null {
  if (days === null) return null;
  const [y, mo, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

interface Actor {
  accountId: string;
  name: string;
}

interface SeededMember {
  id: string;
  spec: MemberSpec;
  accountId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
}

/** Writes one plan's change log as it goes: each step takes the next revision, at a later time. */
class PlanLog {
  revision = 0;
  last = new Date(0);
  constructor(
    private readonly tx: EntityManager,
    private readonly planId: string,
  ) {}

  /** Never earlier than the previous event: the log reads in time order. */
  time(at: Date): Date {
    this.last = at > this.last ? at : new Date(this.last.getTime() + 60_000);
    return this.last;
  }

  async event(by: Actor, at: Date, entityType: EntityType, entityId: string, action: string, patch: Record<string, unknown>) {
    this.revision += 1;
    await this.tx.query(
      `INSERT INTO plan_events (plan_id, revision, actor_account_id, actor_name, entity_type, entity_id, action, patch, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [this.planId, this.revision, by.accountId, by.name, entityType, entityId, action, JSON.stringify(patch), this.time(at)],
    );
    return this.revision;
  }

  stamp(fields: readonly string[], by: Actor): FieldRevisions {
    return Object.fromEntries(fields.map((f) => [f, { rev: this.revision, by: by.accountId }]));
  }
}

async function seedPlan(tx: EntityManager, ids: DemoIds, spec: PlanSpec, today: string): Promise<void> {
  const tenantId = ids.tenants.fjordvik;
  const at = (w: When) => instant(today, w);
  const date = (days: number | null) => dateOnly(today, days);

  const members = new Map<string, SeededMember>();
  for (const m of spec.members) {
    const account = m.account ? demoAccount('fjordvik', m.account) : null;
    members.set(m.key, {
      id: randomUUID(),
      spec: m,
      accountId: account ? ids.accounts[`fjordvik/${m.account}`] : null,
      name: account?.name ?? m.name ?? '',
      email: account?.email ?? m.email ?? null,
      phone: account?.phone ?? m.phone ?? null,
    });
  }
  const member = (key: string): SeededMember => {
    const m = members.get(key);
    if (!m) throw new Error(`demo plan ${spec.title}: no member ${key}`);
    return m;
  };
  const actor = (key: string): Actor => {
    const m = member(key);
    if (!m.accountId) throw new Error(`demo plan ${spec.title}: ${key} has no login and cannot act`);
    return { accountId: m.accountId, name: m.name };
  };
  const coordinator = actor(spec.coordinator);
  const person = spec.members.find((m) => m.role === 'person');
  const personAccountId = person ? member(person.key).accountId : null;

  // 1. The coordinator starts the plan; the person with a login is in it from the start.
  const planId = randomUUID();
  const log = new PlanLog(tx, planId);
  const started = at([spec.startedDays, '09:00']);
  await tx.query(
    `INSERT INTO plans (id, tenant_id, person_account_id, person_name, title, status, revision, created_by, created_at, updated_at, last_activity_at)
     VALUES ($1, $2, $3, $4, $5, 'draft', 0, $6, $7, $7, $7)`,
    [planId, tenantId, personAccountId, spec.personName, spec.title, coordinator.accountId, started],
  );
  const insertMember = async (m: SeededMember, status: 'active' | 'invited', createdAt: Date) => {
    await tx.query(
      `INSERT INTO plan_members (id, plan_id, account_id, name, email, phone, role, service, organisation, contribution, status, invited_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        m.id,
        planId,
        m.accountId,
        m.name,
        m.email,
        m.phone,
        m.spec.role,
        m.spec.service ?? null,
        m.spec.organisation ?? null,
        m.spec.contribution,
        status,
        coordinator.accountId,
        createdAt,
      ],
    );
  };
  const fromStart = [member(spec.coordinator), ...(person && personAccountId ? [member(person.key)] : [])];
  for (const [i, m] of fromStart.entries()) await insertMember(m, 'active', new Date(started.getTime() + i * 1000));
  await log.event(coordinator, started, 'plan', planId, 'created', { title: spec.title, personName: spec.personName, status: 'draft' });

  // 2. The plan's own words, period and evaluation date.
  const words = {
    whatMatters: spec.whatMatters,
    resources: spec.resources,
    needs: spec.needs,
    cooperation: spec.cooperation,
    periodStart: date(spec.periodStartDays),
    periodEnd: date(spec.periodEndDays),
    nextEvaluation: date(spec.nextEvaluationDays),
  };
  const wordsBy = actor(spec.wordsBy);
  await log.event(wordsBy, at([spec.startedDays + 1, '10:30']), 'plan', planId, 'updated', words);
  const planFieldRevisions = log.stamp(Object.keys(words), wordsBy);
  await tx.query(
    `UPDATE plans SET what_matters = $2, resources = $3, needs = $4, cooperation = $5, period_start = $6, period_end = $7, next_evaluation = $8
      WHERE id = $1`,
    [planId, words.whatMatters, words.resources, words.needs, words.cooperation, words.periodStart, words.periodEnd, words.nextEvaluation],
  );

  // 3. The others are invited; those with a login join the next day.
  for (const m of members.values()) {
    if (fromStart.includes(m)) continue;
    await log.event(coordinator, at([spec.startedDays + 2, '08:15']), 'member', m.id, 'invited', {
      name: m.name,
      email: m.email,
      role: m.spec.role,
      service: m.spec.service ?? null,
      organisation: m.spec.organisation ?? null,
      contribution: m.spec.contribution,
      status: 'invited',
    });
    await insertMember(m, m.accountId ? 'active' : 'invited', log.last);
  }
  for (const m of members.values()) {
    if (fromStart.includes(m) || !m.accountId) continue;
    await log.event(actor(m.spec.key), at([spec.startedDays + 3, '19:00']), 'member', m.id, 'joined', {
      status: 'active',
      accountId: m.accountId,
      name: m.name,
    });
  }

  // 4. Consent: by the person in the app, or given on paper and registered by the coordinator.
  const consentBy = personAccountId ? actor(person!.key) : coordinator;
  const givenByName = spec.paperConsentBy ?? consentBy.name;
  const note = spec.paperConsentBy ? 'Skriftlig samtykke, registrert av koordinator' : '';
  const consentAt = at([spec.startedDays + 4, '12:00']);
  const consent = async (kind: 'plan' | 'member_access', memberId: string | null) => {
    const id = randomUUID();
    const givenAt = log.time(consentAt);
    await tx.query(
      `INSERT INTO consents (id, plan_id, kind, member_id, given_by_account_id, given_by_name, given_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, planId, kind, memberId, spec.paperConsentBy ? null : consentBy.accountId, givenByName, givenAt, note],
    );
    const view = { id, kind, memberId, givenByName, givenAt: givenAt.toISOString(), revokedAt: null, note };
    await log.event(consentBy, givenAt, 'consent', id, 'given', kind === 'plan' ? { ...view, planStatus: 'active' } : view);
  };
  await consent('plan', null);
  await tx.query(`UPDATE plans SET status = 'active' WHERE id = $1`, [planId]);
  for (const m of members.values()) if (m.spec.consent) await consent('member_access', m.id);

  // 5. Goals and tasks.
  const goalIds = new Map<string, string>();
  const taskIds = new Map<string, string>();
  let goalPosition = 0;
  for (const g of spec.goals) {
    const id = randomUUID();
    goalIds.set(g.key, id);
    const fields = { title: g.title, description: g.description, lifeArea: g.lifeArea, status: g.status, targetDate: date(g.targetDays) };
    const by = actor(g.by);
    const created = at([spec.startedDays + 5, '10:00']);
    await log.event(by, created, 'goal', id, 'created', { id, ...fields, position: goalPosition });
    await tx.query(
      `INSERT INTO goals (id, plan_id, title, description, life_area, status, target_date, position, field_revisions, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        planId,
        g.title,
        g.description,
        g.lifeArea,
        g.status,
        fields.targetDate,
        goalPosition++,
        log.stamp(Object.keys(fields), by),
        log.last,
      ],
    );
  }
  let taskPosition = 0;
  /** The task as its 'created' event tells it (the wire format, without field revisions). */
  const newTask = (t: TaskSpec) => {
    const id = randomUUID();
    taskIds.set(t.key, id);
    return {
      id,
      goalId: t.goal ? (goalIds.get(t.goal) ?? null) : null,
      title: t.title,
      how: t.how,
      scope: t.scope,
      responsibleMemberId: member(t.responsible).id,
      startDate: date(t.startDays),
      dueDate: date(t.dueDays),
      status: t.status,
      position: taskPosition++,
    };
  };
  /** Inserts a task stamped with the revision just taken. */
  const insertTask = async (v: ReturnType<typeof newTask>, by: Actor) => {
    const { id: _id, position: _position, ...fields } = v;
    await tx.query(
      `INSERT INTO tasks (id, plan_id, goal_id, title, how, scope, responsible_member_id, start_date, due_date, status, position, field_revisions, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        v.id,
        planId,
        v.goalId,
        v.title,
        v.how,
        v.scope,
        v.responsibleMemberId,
        v.startDate,
        v.dueDate,
        v.status,
        v.position,
        log.stamp(Object.keys(fields), by),
        log.last,
      ],
    );
  };
  for (const t of spec.tasks) {
    const by = actor(t.by);
    const view = newTask(t);
    await log.event(by, at([spec.startedDays + 5, '11:00']), 'task', view.id, 'created', view);
    await insertTask(view, by);
  }

  // 6. The past meeting: set up, held, minutes written, decisions made (some became tasks).
  const meetingIds = new Map<string, string>();
  const insertMeeting = async (m: MeetingSpec, status: 'planned' | 'held') => {
    const id = randomUUID();
    meetingIds.set(m.key, id);
    const startsAt = at(m.at);
    const endsAt = new Date(startsAt.getTime() + m.minutes * 60_000);
    const agenda: AgendaItem[] = m.agenda.map(([title]) => ({ id: randomUUID(), title, done: false }));
    const created = at([m.at[0] - m.createdDaysBefore, '14:00']);
    const fields = {
      title: m.title,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      location: m.location,
      videoUrl: m.videoUrl ?? null,
      agenda,
    };
    await log.event(coordinator, created, 'meeting', id, 'created', {
      id,
      ...fields,
      attendees: [],
      minutes: '',
      decisions: [],
      status: 'planned',
      sequence: 0,
    });
    await tx.query(
      `INSERT INTO meetings (id, plan_id, title, starts_at, ends_at, location, video_url, agenda, status, field_revisions, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        planId,
        m.title,
        startsAt,
        endsAt,
        m.location,
        fields.videoUrl,
        JSON.stringify(agenda),
        status,
        log.stamp(Object.keys(fields), coordinator),
        log.last,
      ],
    );
    return { id, startsAt, endsAt, agenda, fieldRevisions: log.stamp(Object.keys(fields), coordinator) };
  };
  const past = spec.pastMeeting;
  const held = await insertMeeting(past, 'planned');
  const afterMeeting = new Date(held.endsAt.getTime() + 30 * 60_000);
  const doneAgenda = held.agenda.map((item, i) => ({ ...item, done: past.agenda[i][1] }));
  const attendees = past.attendees.map((k) => member(k).id).sort();
  const minutesPatch = { agenda: doneAgenda, attendees, minutes: past.referat, status: 'held' as const };
  await log.event(coordinator, afterMeeting, 'meeting', held.id, 'updated', minutesPatch);
  let meetingRevisions: FieldRevisions = { ...held.fieldRevisions, ...log.stamp(Object.keys(minutesPatch), coordinator) };
  const decisions: Decision[] = [];
  for (const d of past.decisions) {
    // One change: the decision and the task it became (as MeetingsService.decide does it).
    const task = d.task ? newTask(d.task) : null;
    decisions.push({ id: randomUUID(), text: d.text, taskId: task?.id ?? null });
    await log.event(coordinator, afterMeeting, 'meeting', held.id, 'decided', {
      decisions: [...decisions],
      ...(task ? { createdTask: task } : {}),
    });
    if (task) await insertTask(task, coordinator);
    meetingRevisions = { ...meetingRevisions, decisions: { rev: log.revision, by: coordinator.accountId } };
  }
  await tx.query(
    `UPDATE meetings SET agenda = $2, attendees = $3, minutes = $4, status = 'held', decisions = $5, field_revisions = $6 WHERE id = $1`,
    [held.id, JSON.stringify(doneAgenda), JSON.stringify(attendees), past.referat, JSON.stringify(decisions), meetingRevisions],
  );

  // 7. The next meeting is set (played in time order with the notes below).
  const next = spec.nextMeeting;
  const nextCreated = at([next.at[0] - next.createdDaysBefore, '14:00']);
  const notes = [...spec.notes].sort((a, b) => at(a.at).getTime() - at(b.at).getTime());
  let nextDone = false;
  const entryIds = new Map<string, string>();
  for (const n of notes) {
    if (!nextDone && nextCreated <= at(n.at)) {
      await insertMeeting(next, 'planned');
      nextDone = true;
    }
    // 8. Notes and comments in the journal.
    const id = randomUUID();
    entryIds.set(n.key, id);
    const parentId = n.replyTo ? entryIds.get(n.replyTo)! : null;
    const parent = n.replyTo ? spec.notes.find((x) => x.key === n.replyTo) : undefined;
    const target = parent?.target ?? n.target;
    const targetType = target?.type ?? 'plan';
    const targetId =
      target?.type === 'goal'
        ? goalIds.get(target.key)!
        : target?.type === 'task'
          ? taskIds.get(target.key)!
          : target?.type === 'meeting'
            ? meetingIds.get(target.key)!
            : null;
    const by = actor(n.by);
    const createdAt = log.time(at(n.at));
    const view = {
      id,
      targetType,
      targetId,
      parentId,
      author: { accountId: by.accountId, name: by.name },
      body: n.body,
      createdAt: createdAt.toISOString(),
    };
    await tx.query(
      `INSERT INTO journal_entries (id, plan_id, target_type, target_id, parent_id, author_account_id, author_name, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, planId, targetType, targetId, parentId, by.accountId, by.name, n.body, createdAt],
    );
    await log.event(by, createdAt, 'journal', id, 'created', view);
  }
  if (!nextDone) await insertMeeting(next, 'planned');

  // The plan's revision is its last event's.
  await tx.query(`UPDATE plans SET revision = $2, field_revisions = $3, updated_at = $4, last_activity_at = $4 WHERE id = $1`, [
    planId,
    log.revision,
    planFieldRevisions,
    log.last,
  ]);
}

/** The seed step: the three demo plans in Fjordvik kommune. */
export async function seedDemoPlans(tx: EntityManager, ids: DemoIds): Promise<void> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: OSLO }).format(new Date());
  for (const spec of DEMO_PLANS) await seedPlan(tx, ids, spec, today);
}
