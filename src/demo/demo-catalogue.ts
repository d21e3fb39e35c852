import type { CourseUnitInput, MicroCredentialInput } from '../catalogue/schemas.ts';
import type { NewInstitution } from '../institutions/store.ts';

/**
 * The demo catalogue loaded on an empty database: two fictional institutions with micro-credentials of
 * both forms, several VKS levels and sizes, co-creation partners on some, and one draft.
 */
export interface DemoInstitution {
  institution: NewInstitution;
  courseUnits: CourseUnitInput[];
  microCredentials: MicroCredentialInput[];
}

const lo = (nl: string, en: string) => ({ nl, en });

/**
 * Learning outcomes a micro-credential shares with the course units it is built from, written once: a
 * unit lists its own, and the micro-credential those of its units it certifies.
 */
const OUTCOME = {
  prepareData: lo(
    'Laadt, schoont en combineert datasets met pandas.',
    'Loads, cleans and combines datasets with pandas.',
  ),
  describeData: lo(
    'Beschrijft een dataset met gepaste beschrijvende statistiek.',
    'Describes a dataset with suitable descriptive statistics.',
  ),
  visualiseData: lo(
    'Kiest en bouwt een visualisatie die past bij de vraag en het publiek.',
    'Chooses and builds a visualisation that fits the question and the audience.',
  ),
  segmentNetwork: lo(
    'Segmenteert een bedrijfsnetwerk en configureert firewalls volgens het principe van least privilege.',
    'Segments a company network and configures firewalls following least privilege.',
  ),
  detectIntrusions: lo(
    'Detecteert verdacht netwerkverkeer met een IDS.',
    'Detects suspicious network traffic with an IDS.',
  ),
  respondToIncidents: lo(
    'Voert de eerste stappen van een incidentresponsplan uit en documenteert ze.',
    'Carries out and documents the first steps of an incident response plan.',
  ),
  sizeHeatPump: lo(
    'Dimensioneert een warmtepompinstallatie voor een woning.',
    'Sizes a heat pump installation for a dwelling.',
  ),
  compareRenewables: lo(
    'Vergelijkt hernieuwbare energiebronnen op kost en rendement.',
    'Compares renewable energy sources on cost and efficiency.',
  ),
  applyEpb: lo(
    'Past de Vlaamse EPB-eisen toe op een renovatiedossier.',
    'Applies the Flemish energy performance requirements to a renovation file.',
  ),
  recognisePalliativeNeeds: lo(
    'Herkent palliatieve zorgnoden en bespreekt ze met patiënt en familie.',
    'Recognises palliative care needs and discusses them with patient and family.',
  ),
  planCare: lo('Stelt een multidisciplinair zorgplan op.', 'Draws up a multidisciplinary care plan.'),
  trainModels: lo(
    'Traint, valideert en vergelijkt voorspellende modellen op reële data.',
    'Trains, validates and compares predictive models on real data.',
  ),
  assessAiCompliance: lo(
    'Toetst een AI-toepassing aan de Europese AI-verordening en de AVG.',
    'Assesses an AI application against the EU AI Act and the GDPR.',
  ),
};

export const DEMO_CATALOGUE: DemoInstitution[] = [
  {
    institution: {
      slug: 'hogeschool-schelde',
      name: { nl: 'Hogeschool Schelde', en: 'Schelde University of Applied Sciences' },
      url: 'https://www.hogeschool-schelde.example',
      email: 'levenslangleren@hogeschool-schelde.example',
      address: {
        street: 'Kaaistraat 12',
        postalCode: '2000',
        locality: 'Antwerpen',
        region: 'BE-VLG',
        country: 'BE',
      },
    },
    courseUnits: [
      {
        code: 'DATA101',
        title: lo('Inleiding tot data-analyse met Python', 'Introduction to data analysis with Python'),
        ects: 3,
        vksLevel: 6,
        learningOutcomes: [OUTCOME.prepareData, OUTCOME.describeData],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
      {
        code: 'DATA102',
        title: lo('Datavisualisatie en rapportering', 'Data visualisation and reporting'),
        ects: 3,
        vksLevel: 6,
        learningOutcomes: [
          OUTCOME.visualiseData,
          lo(
            'Rapporteert bevindingen reproduceerbaar in een notebook.',
            'Reports findings reproducibly in a notebook.',
          ),
        ],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
      {
        code: 'CYB201',
        title: lo('Netwerkbeveiliging', 'Network security'),
        ects: 6,
        vksLevel: 6,
        learningOutcomes: [OUTCOME.segmentNetwork, OUTCOME.detectIntrusions],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
      {
        code: 'CYB202',
        title: lo('Incidentrespons', 'Incident response'),
        ects: 3,
        vksLevel: 6,
        learningOutcomes: [OUTCOME.respondToIncidents],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
      {
        code: 'ENER110',
        title: lo(
          'Warmtepompen en hernieuwbare energie in gebouwen',
          'Heat pumps and renewable energy in buildings',
        ),
        ects: 5,
        vksLevel: 5,
        learningOutcomes: [OUTCOME.sizeHeatPump, OUTCOME.compareRenewables],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
      {
        code: 'ENER111',
        title: lo('Energieprestatie en EPB-regelgeving', 'Energy performance and building regulations'),
        ects: 3,
        vksLevel: 5,
        learningOutcomes: [OUTCOME.applyEpb],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
      {
        code: 'ZORG301',
        title: lo('Palliatieve zorg: basisprincipes', 'Palliative care: principles'),
        ects: 4,
        vksLevel: 6,
        learningOutcomes: [OUTCOME.recognisePalliativeNeeds, OUTCOME.planCare],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
    ],
    microCredentials: [
      {
        code: 'MC-DATA',
        status: 'published',
        title: lo('Data-analyse met Python', 'Data analysis with Python'),
        description: lo(
          'Voor professionals die zelf data willen verwerken en rapporteren: van ruwe export tot helder dashboard.',
          'For professionals who want to process and report data themselves: from raw export to clear dashboard.',
        ),
        form: 'regular',
        ects: 6,
        vksLevel: 6,
        courseUnits: ['DATA101', 'DATA102'],
        learningOutcomes: [OUTCOME.prepareData, OUTCOME.describeData, OUTCOME.visualiseData],
        assessmentType: lo(
          'Project met mondelinge verdediging per opleidingsonderdeel',
          'Project with oral defence per course unit',
        ),
        participationForm: 'blended',
        supervision: 'supervised-with-id-check',
        prerequisites: lo(
          'Basiskennis spreadsheets; geen programmeerervaring nodig.',
          'Basic spreadsheet skills; no programming experience needed.',
        ),
        language: 'nl',
        workloadHours: 160,
        fieldOfStudy: 'Data science',
        stackability: lo(
          'Stapelbaar met de micro-credential Toegepaste AI voor professionals; opgenomen credits tellen mee in de bachelor Toegepaste Informatica.',
          'Stackable with the micro-credential Applied AI for professionals; credits count towards the bachelor in Applied Computer Science.',
        ),
        partners: [{ name: 'Data Vlaanderen Netwerk', kind: 'sector-organisation' }],
      },
      {
        code: 'MC-CYBER',
        status: 'published',
        title: lo('Cybersecurity voor netwerkbeheerders', 'Cybersecurity for network administrators'),
        description: lo(
          'Beveilig het netwerk van je organisatie en reageer gepast op incidenten, met labo-opdrachten op echte scenario’s.',
          'Secure your organisation’s network and respond properly to incidents, with lab assignments on real scenarios.',
        ),
        form: 'regular',
        ects: 9,
        vksLevel: 6,
        courseUnits: ['CYB201', 'CYB202'],
        learningOutcomes: [OUTCOME.segmentNetwork, OUTCOME.detectIntrusions, OUTCOME.respondToIncidents],
        assessmentType: lo(
          'Praktijkexamen in het labo en schriftelijk examen',
          'Practical lab exam and written exam',
        ),
        participationForm: 'on-site',
        supervision: 'supervised-with-id-check',
        prerequisites: lo(
          'Kennis van TCP/IP-netwerken op bachelorniveau of relevante werkervaring.',
          'Knowledge of TCP/IP networks at bachelor level or relevant work experience.',
        ),
        language: 'nl',
        workloadHours: 250,
        fieldOfStudy: 'Information security',
        partners: [
          {
            name: 'Cyberweerbaar Vlaanderen vzw',
            kind: 'sector-organisation',
            url: 'https://cyberweerbaar.example',
          },
          { name: 'Havenbedrijf Schelde', kind: 'company' },
        ],
      },
      {
        code: 'MC-WARMTE',
        status: 'published',
        title: lo(
          'Duurzame technieken: warmtepompen en EPB',
          'Sustainable building services: heat pumps and energy performance',
        ),
        description: lo(
          'Voor installateurs en technici die de energietransitie in woningen mee vormgeven.',
          'For installers and technicians who help shape the energy transition in homes.',
        ),
        form: 'regular',
        ects: 8,
        vksLevel: 5,
        courseUnits: ['ENER110', 'ENER111'],
        learningOutcomes: [OUTCOME.sizeHeatPump, OUTCOME.compareRenewables, OUTCOME.applyEpb],
        assessmentType: lo('Casusopdracht en praktijktest', 'Case assignment and practical test'),
        participationForm: 'on-site',
        supervision: 'supervised-no-id-check',
        language: 'nl',
        workloadHours: 210,
        fieldOfStudy: 'Building services engineering',
        partners: [{ name: 'Installatiebedrijf Noorderkempen', kind: 'company' }],
      },
      {
        code: 'MC-PALLIATIEF',
        status: 'published',
        title: lo('Palliatieve zorg in de praktijk', 'Palliative care in practice'),
        description: lo(
          'Verdiep je als zorgverlener in comfortzorg en communicatie aan het levenseinde.',
          'Deepen your practice as a care professional in comfort care and end-of-life communication.',
        ),
        form: 'regular',
        ects: 4,
        vksLevel: 6,
        courseUnits: ['ZORG301'],
        learningOutcomes: [OUTCOME.recognisePalliativeNeeds, OUTCOME.planCare],
        assessmentType: lo(
          'Reflectieportfolio en casusbespreking',
          'Reflective portfolio and case discussion',
        ),
        participationForm: 'blended',
        language: 'nl',
        workloadHours: 105,
        fieldOfStudy: 'Nursing',
        partners: [{ name: 'Netwerk Palliatieve Zorg Scheldeland', kind: 'public-body' }],
      },
      {
        code: 'PV-LEAN',
        status: 'published',
        title: lo('Lean werken in de zorg', 'Lean management in healthcare'),
        description: lo(
          'Korte permanente vorming: verspilling zien en verbeterprojecten opzetten op je eigen afdeling.',
          'Short continuing education: spot waste and set up improvement projects on your own ward.',
        ),
        form: 'outside-regular',
        ects: 2,
        vksLevel: 6,
        learningOutcomes: [
          lo(
            'Brengt een zorgproces in kaart met een value stream map.',
            'Maps a care process with a value stream map.',
          ),
          lo(
            'Leidt een verbeterproject volgens de PDCA-cyclus.',
            'Leads an improvement project following the PDCA cycle.',
          ),
        ],
        assessmentType: lo(
          'Verbeterproject op de werkvloer, beoordeeld met een rubric',
          'Workplace improvement project, assessed with a rubric',
        ),
        participationForm: 'blended',
        supervision: 'unsupervised-no-id-check',
        language: 'nl',
        tuitionEur: 450,
        workloadHours: 55,
        fieldOfStudy: 'Healthcare management',
        partners: [{ name: 'Ziekenhuisnetwerk Antwerpen-Zuid', kind: 'company' }],
      },
      {
        code: 'PV-AGILE',
        status: 'published',
        title: lo('Agile projectmanagement', 'Agile project management'),
        description: lo(
          'Werk wendbaar met Scrum en Kanban in je team.',
          'Work with Scrum and Kanban in your team.',
        ),
        form: 'outside-regular',
        ects: 1,
        vksLevel: 5,
        learningOutcomes: [
          lo(
            'Plant en begeleidt een sprint met de Scrum-rollen en -ceremonies.',
            'Plans and facilitates a sprint with the Scrum roles and events.',
          ),
          lo(
            'Visualiseert en beperkt lopend werk met een Kanbanbord.',
            'Visualises and limits work in progress with a Kanban board.',
          ),
        ],
        assessmentType: lo('Online kennistoets en teamopdracht', 'Online knowledge test and team assignment'),
        participationForm: 'online',
        supervision: 'unsupervised-no-id-check',
        language: 'en',
        tuitionEur: 290,
        workloadHours: 28,
        fieldOfStudy: 'Project management',
        partners: [],
      },
      {
        code: 'PV-VR',
        status: 'draft',
        title: lo('Virtual reality in technische opleidingen', 'Virtual reality in technical training'),
        description: lo(
          'In ontwerp: VR-simulaties bouwen voor praktijkonderwijs.',
          'In design: building VR simulations for practical teaching.',
        ),
        form: 'outside-regular',
        ects: 3,
        vksLevel: 6,
        learningOutcomes: [
          lo(
            'Ontwerpt een VR-simulatie voor een technische vaardigheid.',
            'Designs a VR simulation for a technical skill.',
          ),
        ],
        language: 'nl',
        tuitionEur: 600,
        partners: [],
      },
    ],
  },
  {
    institution: {
      slug: 'universiteit-leie',
      name: { nl: 'Universiteit Leie', en: 'Leie University' },
      url: 'https://www.universiteit-leie.example',
      email: 'microcredentials@universiteit-leie.example',
      address: {
        street: 'Leieplein 1',
        postalCode: '9000',
        locality: 'Gent',
        region: 'BE-VLG',
        country: 'BE',
      },
    },
    courseUnits: [
      {
        code: 'AI401',
        title: lo('Machine learning in de praktijk', 'Applied machine learning'),
        ects: 6,
        vksLevel: 7,
        learningOutcomes: [OUTCOME.trainModels],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
      {
        code: 'AI402',
        title: lo(
          'Ethiek en recht van artificiële intelligentie',
          'Ethics and law of artificial intelligence',
        ),
        ects: 3,
        vksLevel: 7,
        learningOutcomes: [OUTCOME.assessAiCompliance],
        qaInternal: true,
        qaExternal: true,
        status: 'published',
      },
    ],
    microCredentials: [
      {
        code: 'MC-AI',
        status: 'published',
        title: lo('Toegepaste AI voor professionals', 'Applied AI for professionals'),
        description: lo(
          'Masterniveau: bouw verantwoorde AI-toepassingen, technisch én juridisch onderbouwd.',
          'Master level: build responsible AI applications, technically and legally sound.',
        ),
        form: 'regular',
        ects: 9,
        vksLevel: 7,
        courseUnits: ['AI401', 'AI402'],
        learningOutcomes: [OUTCOME.trainModels, OUTCOME.assessAiCompliance],
        assessmentType: lo('Schriftelijk examen en projectpaper', 'Written exam and project paper'),
        participationForm: 'online',
        supervision: 'supervised-with-id-check',
        prerequisites: lo(
          'Een bachelordiploma in een STEM-richting of gelijkwaardige ervaring.',
          'A bachelor degree in a STEM field or equivalent experience.',
        ),
        language: 'en',
        workloadHours: 250,
        fieldOfStudy: 'Artificial intelligence',
        partners: [{ name: 'AI Werkplaats Gent', kind: 'sector-organisation' }],
      },
      {
        code: 'PV-KLIMAAT',
        status: 'published',
        title: lo('Klimaatadaptatie voor lokale besturen', 'Climate adaptation for local governments'),
        description: lo(
          'Voor beleidsmedewerkers: van klimaatrisico’s naar een uitvoerbaar adaptatieplan voor je gemeente.',
          'For policy officers: from climate risks to a workable adaptation plan for your municipality.',
        ),
        form: 'outside-regular',
        ects: 4,
        vksLevel: 7,
        learningOutcomes: [
          lo(
            'Analyseert klimaatrisico’s voor een gemeente met open data.',
            'Analyses climate risks for a municipality using open data.',
          ),
          lo(
            'Stelt een adaptatieplan op met prioriteiten en financiering.',
            'Draws up an adaptation plan with priorities and funding.',
          ),
        ],
        assessmentType: lo('Beleidsplan met presentatie voor een jury', 'Policy plan presented to a panel'),
        participationForm: 'blended',
        supervision: 'supervised-no-id-check',
        language: 'nl',
        tuitionEur: 780,
        workloadHours: 110,
        fieldOfStudy: 'Environmental policy',
        partners: [
          { name: 'Vereniging van Lokale Besturen Oost', kind: 'public-body' },
          { name: 'Studiebureau Waterland', kind: 'company' },
        ],
      },
    ],
  },
];
