import { createRoot, createSignal } from 'solid-js';

/*
 * Every string the UI shows, in Swedish (first) and English. `t('key', { n: 2 })`
 * fills {n}-style placeholders. Dates are written the Swedish way (2015-09-30,
 * 30 september 2015) whatever the language, as the agreements themselves are.
 */

const sv = {
  'app.name': 'Överens',
  'app.tagline': 'Överenskommelser som skrivs i dialog',
  'app.skip': 'Hoppa till innehållet',
  'app.loading': 'Laddar…',
  'app.offline': 'Ingen anslutning till nätverket. Det du skriver sparas lokalt och skickas när anslutningen är tillbaka.',
  'app.error': 'Något gick fel: {message}',
  'app.retry': 'Försök igen',
  'nav.main': 'Huvudmeny',
  'nav.start': 'Start',
  'nav.admin': 'Administration',
  'nav.logout': 'Logga ut',
  'nav.language': 'Språk',
  'nav.signedInAs': 'Inloggad som {name}',
  'lang.sv': 'Svenska',
  'lang.en': 'English',

  'error.network': 'Ingen kontakt med servern. Kontrollera anslutningen och försök igen.',
  'error.invalidCredentials': 'Fel e-postadress eller lösenord.',
  'error.rateLimited': 'För många försök. Vänta en stund och försök igen.',
  'error.forbidden': 'Du har inte behörighet att göra det.',
  'error.notFound': 'Hittades inte.',
  'error.invitationExpired': 'Inbjudan har gått ut eller har redan använts. Be om en ny inbjudan.',
  'error.invalidState': 'Det går inte i dokumentets nuvarande läge.',
  'error.conflict': 'Ändringen krockar med något som redan finns.',
  'error.validation': 'Kontrollera de markerade fälten.',
  'error.csrf': 'Sessionen behöver förnyas. Ladda om sidan.',
  'error.unauthenticated': 'Du är inte inloggad längre. Logga in igen.',
  'error.generic': 'Något gick fel. Försök igen.',
  'error.field': 'Ogiltigt värde.',
  'error.required': 'Fyll i fältet.',
  'error.passwordLength': 'Lösenordet måste ha minst 10 tecken.',
  'error.passwordMismatch': 'Lösenorden stämmer inte överens.',
  'error.invitationNeedsLogin': 'Adressen kan inte få ett nytt konto här. Har du redan ett konto, logga in och ta sedan emot inbjudan.',
  'error.invitationForOtherAccount': 'Inbjudan gäller en annan e-postadress. Logga ut först.',

  'login.title': 'Logga in',
  'login.intro': 'Logga in för att arbeta med era överenskommelser.',
  'login.email': 'E-postadress',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.busy': 'Loggar in…',
  'login.needsSetup': 'Hubben är inte installerad än. Öppna installationslänken som skrevs ut när servern startade.',
  'login.loggedOut': 'Du är utloggad.',

  'setup.title': 'Installera Överens',
  'setup.intro': 'Skapa hubbens första administratör.',
  'setup.name': 'Namn',
  'setup.submit': 'Skapa administratör',
  'setup.noToken': 'Installationslänken saknar sin kod. Använd hela länken som servern skrev ut.',
  'setup.invalid': 'Installationslänken gäller inte (eller så är hubben redan installerad).',

  'invite.title': 'Välkommen till Överens',
  'invite.intro': 'Du har bjudits in till {party} som {role}. Välj ett lösenord för {email}.',
  'invite.name': 'Ditt namn',
  'invite.password': 'Nytt lösenord (minst 10 tecken)',
  'invite.confirm': 'Upprepa lösenordet',
  'invite.submit': 'Skapa konto',
  'invite.expires': 'Inbjudan gäller till {date}.',
  'invite.unknown': 'Inbjudan finns inte. Kontrollera länken.',
  'invite.haveAccount': 'Jag har redan ett konto: logga in',
  'invite.joinIntro': 'Du har bjudits in till {party} som {role}.',
  'invite.join': 'Gå med',
  'invite.otherAccount': 'Du är inloggad med ett annat konto. Inbjudan gäller {email}: logga ut och logga in med den adressen.',

  'start.title': 'Start',
  'start.welcome': 'Välkommen, {name}',
  'start.myParties': 'Mina parter',
  'start.noParties': 'Du är inte medlem i någon part än.',
  'start.documents': 'Överenskommelser och minnesanteckningar',
  'start.filters': 'Filtrera',
  'start.search': 'Sök på titel eller diarienummer',
  'start.status': 'Status',
  'start.party': 'Part',
  'start.kind': 'Typ',
  'start.all': 'Alla',
  'start.apply': 'Sök',
  'start.clear': 'Rensa filter',
  'start.noDocuments': 'Inga dokument att visa.',
  'start.noMatches': 'Inga dokument matchar filtret.',
  'start.more': 'Visa fler',
  'start.count': '{n} dokument visas',
  'start.col.title': 'Titel',
  'start.col.reference': 'Diarienummer',
  'start.col.kind': 'Typ',
  'start.col.status': 'Status',
  'start.col.updated': 'Ändrad',
  'start.checkpoints': 'Kommande avstämningar',
  'start.noCheckpoints': 'Inga kommande avstämningar.',
  'start.feedback': 'Synpunkter som väntar på svar',
  'start.noFeedback': 'Inga obesvarade synpunkter.',
  'start.reportTo': 'Rapporteras till {who}',
  'start.example.title': 'Kom igång',
  'start.example.intro': 'Hubben är tom. Skapa en exempelarbetsyta med parterna och dokumenten från Region Västerbottens och Dorotea kommuns överenskommelser, och demokonton att prova samskrivning med.',
  'start.example.button': 'Skapa exempelarbetsyta',
  'start.example.busy': 'Skapar…',
  'start.example.done': 'Exempelarbetsytan är skapad. Demokonton:',
  'start.example.exists': 'Exempelarbetsytan fanns redan. Demokonton:',
  'start.example.account': '{email} – lösenord {password} ({role}, {party})',
  'start.new.title': 'Nytt dokument',
  'start.new.button': 'Skapa dokument',
  'start.new.busy': 'Skapar…',
  'start.new.owner': 'Ägande part',
  'start.new.titleField': 'Titel',
  'start.new.reference': 'Diarienummer (valfritt)',

  'doc.loading': 'Laddar dokumentet…',
  'doc.notFound': 'Dokumentet finns inte, eller så har du inte behörighet att läsa det.',
  'doc.back': 'Till startsidan',
  'doc.readOnly': 'Du kan läsa dokumentet men inte ändra texten.',
  'doc.frozen': 'Texten är låst i läget ”{status}”.',
  'doc.editor': 'Dokumenttext',
  'doc.panel': 'Om dokumentet',
  'doc.details': 'Uppgifter',
  'doc.reference': 'Diarienummer',
  'doc.kind': 'Typ',
  'doc.status': 'Status',
  'doc.title': 'Titel',
  'doc.summary': 'Sammanfattning',
  'doc.startsOn': 'Gäller från',
  'doc.endsOn': 'Gäller till',
  'doc.round': 'Dialogrunda',
  'doc.updated': 'Senast ändrad',
  'doc.edit': 'Redigera uppgifter',
  'doc.save': 'Spara',
  'doc.saving': 'Sparar…',
  'doc.cancel': 'Avbryt',
  'doc.saved': 'Ändringen är sparad.',
  'doc.rolledBack': 'Ändringen kunde inte sparas och har tagits tillbaka: {message}',
  'doc.changeStatus': 'Ändra status',
  'doc.statusButton': 'Byt status',
  'doc.none': '–',
  'doc.parties': 'Parter',
  'doc.noParties': 'Inga parter.',
  'doc.signatory': 'undertecknare',
  'doc.observer': 'observatör',
  'doc.approve': 'Godkänn för {party}',
  'doc.reject': 'Avslå för {party}',
  'doc.resetApproval': 'Ångra ställningstagande för {party}',
  'doc.stages': 'Steg',
  'doc.noStages': 'Inga steg.',
  'doc.stageStatus': 'Status för {stage}',
  'doc.preconditions': 'Förutsättningar',
  'doc.stageBlocked': 'Steget kan starta först när förutsättningarna är uppfyllda.',
  'doc.met': 'uppfylld',
  'doc.notMet': 'inte uppfylld',
  'doc.addStage': 'Lägg till steg',
  'doc.stageTitle': 'Stegets titel',
  'doc.checkpoints': 'Avstämningar',
  'doc.noCheckpoints': 'Inga avstämningar.',
  'doc.decisions': 'Beslut',
  'doc.noDecisions': 'Inga beslut.',
  'doc.decidedOn': 'beslutat {date}',
  'doc.attachments': 'Bilagor',
  'doc.noAttachments': 'Inga bilagor.',
  'doc.attachment': 'Bilaga {n}',
  'doc.addAttachment': 'Lägg till bilaga',
  'doc.attachmentTitle': 'Bilagans titel',
  'doc.parent': 'Hör till',
  'doc.rounds': 'Dialogrundor',
  'doc.noRounds': 'Inga dialogrundor.',
  'doc.roundTitle': 'Runda {n}',
  'doc.meetingWith': 'Möte med {party}',
  'doc.minutes': 'Minnesanteckningar',
  'doc.presence': 'Här just nu',
  'doc.presenceNone': 'Bara du.',
  'doc.you': '(du)',
  'doc.meeting': 'Mötet',
  'doc.meetingDate': 'Datum',
  'doc.meetingParty': 'Part',
  'doc.meetingRound': 'Dialogrunda',
  'doc.meetingLocation': 'Plats',
  'doc.attendees': 'Närvarande',
  'doc.noAttendees': 'Inga närvarande antecknade.',
  'doc.costShares': 'Kostnadsfördelning',
  'doc.resources': 'Resurser',
  'doc.fte': '{n} årsarbetare',

  'conn.connecting': 'Ansluter…',
  'conn.live': 'Live',
  'conn.offline': 'Offline – ändringarna sparas lokalt och skickas när anslutningen är tillbaka',
  'conn.closed': 'Frånkopplad',
  'conn.saved': 'Sparat',
  'conn.saving': 'Sparar…',
  'conn.unsaved': 'Inte sparat än',
  'conn.state': 'Anslutning',
  'conn.denied': 'Du har inte behörighet att ändra texten; dina ändringar togs inte emot.',
  'conn.close.4403': 'Du har inte behörighet till dokumentet.',
  'conn.close.4404': 'Dokumentet finns inte längre.',
  'conn.close.4405': 'Din behörighet till dokumentet har tagits bort.',
  'conn.close.4406': 'Du har loggats ut. Logga in igen för att fortsätta.',
  'conn.close.4411': 'Du är inte inloggad längre. Logga in igen.',
  'conn.close.4413': 'Dokumentet har nått största tillåtna storlek.',
  'conn.close.4429': 'Du har för många dokument öppna. Stäng några flikar och ladda om sidan.',
  'conn.close.4422': 'Servern tog inte emot en ändring som dokumentformatet inte tillåter. Ladda om sidan.',
  'conn.close.other': 'Anslutningen stängdes av servern ({code}). Ladda om sidan för att försöka igen.',
  'conn.reconnect': 'Anslut igen',

  'editor.toolbar': 'Formatering',
  'editor.paragraph': 'Brödtext',
  'editor.h1': 'Rubrik 1',
  'editor.h2': 'Rubrik 2',
  'editor.h3': 'Rubrik 3',
  'editor.bold': 'Fet',
  'editor.italic': 'Kursiv',
  'editor.bulletList': 'Punktlista',
  'editor.orderedList': 'Numrerad lista',
  'editor.link': 'Länk',
  'editor.unlink': 'Ta bort länk',
  'editor.linkUrl': 'Webbadress',
  'editor.linkApply': 'Infoga länk',
  'editor.linkInvalid': 'Ange en adress som börjar med http://, https:// eller mailto:',
  'editor.table': 'Infoga tabell',
  'editor.addRow': 'Lägg till rad',
  'editor.addColumn': 'Lägg till kolumn',
  'editor.deleteRow': 'Ta bort rad',
  'editor.deleteColumn': 'Ta bort kolumn',
  'editor.deleteTable': 'Ta bort tabell',
  'editor.undo': 'Ångra',
  'editor.redo': 'Gör om',
  'editor.tableGroup': 'Tabell',

  'admin.title': 'Administration',
  'admin.noAccess': 'Du administrerar ingen part.',
  'admin.parties': 'Parter',
  'admin.selectParty': 'Välj part',
  'admin.newParty': 'Ny part',
  'admin.partyName': 'Namn',
  'admin.partyShort': 'Kortnamn (valfritt)',
  'admin.partyKind': 'Typ av part',
  'admin.orgNumber': 'Organisationsnummer (valfritt)',
  'admin.createParty': 'Skapa part',
  'admin.members': 'Medlemmar i {party}',
  'admin.noMembers': 'Inga medlemmar.',
  'admin.col.name': 'Namn',
  'admin.col.email': 'E-post',
  'admin.col.role': 'Roll',
  'admin.col.actions': 'Åtgärder',
  'admin.roleFor': 'Roll för {name}',
  'admin.remove': 'Ta bort {name}',
  'admin.confirmRemove': 'Ta bort {name} från {party}? Personens öppna dokument stängs.',
  'admin.invitations': 'Inbjudningar',
  'admin.noInvitations': 'Inga väntande inbjudningar.',
  'admin.invite': 'Bjud in',
  'admin.inviteEmail': 'E-postadress',
  'admin.inviteName': 'Namn (valfritt)',
  'admin.inviteRole': 'Roll',
  'admin.inviteSend': 'Skapa inbjudan',
  'admin.inviteLink': 'Inbjudningslänk (visas bara nu, skicka den till personen):',
  'admin.revoke': 'Dra tillbaka inbjudan till {email}',
  'admin.expires': 'gäller till {date}',
  'admin.accepted': 'accepterad {date}',
  'admin.changed': 'Rollen är ändrad.',

  'role.admin': 'administratör',
  'role.editor': 'redaktör',
  'role.commenter': 'kommentator',
  'role.reader': 'läsare',

  'kind.agreement': 'Överenskommelse',
  'kind.regional_agreement': 'Regional överenskommelse',
  'kind.local_agreement': 'Lokal överenskommelse',
  'kind.letter_of_intent': 'Avsiktsförklaring',
  'kind.cooperation_agreement': 'Samverkansavtal',
  'kind.report': 'Rapport',
  'kind.minutes': 'Minnesanteckningar',

  'status.draft': 'Utkast',
  'status.in_dialogue': 'I dialog',
  'status.proposed': 'Förslag till beslut',
  'status.adopted': 'Antagen',
  'status.published': 'Publicerad',
  'status.withdrawn': 'Återkallad',
  'status.terminated': 'Uppsagd',

  'partyKind.region': 'Region',
  'partyKind.municipality': 'Kommun',
  'partyKind.county_council': 'Landsting',
  'partyKind.other': 'Annan',

  'approval.pending': 'väntar',
  'approval.approved': 'godkänt',
  'approval.rejected': 'avslagit',

  'stage.planned': 'Planerat',
  'stage.in_progress': 'Pågår',
  'stage.done': 'Klart',
  'stage.cancelled': 'Avbrutet',

  'decision.proposed': 'Förslag till beslut',
  'decision.adopted': 'Beslutat',
  'decision.rejected': 'Avslaget',

  'feedback.open': 'Öppen',
  'feedback.incorporated': 'Inarbetad',
  'feedback.partly_incorporated': 'Delvis inarbetad',
  'feedback.not_incorporated': 'Inte inarbetad',
  'feedback.withdrawn': 'Återtagen',

  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Adressen leder ingenstans.',
};

export type MessageKey = keyof typeof sv;

const en: Record<MessageKey, string> = {
  'app.name': 'Överens',
  'app.tagline': 'Agreements drafted in dialogue',
  'app.skip': 'Skip to content',
  'app.loading': 'Loading…',
  'app.offline': 'No network connection. What you type is kept locally and sent when the connection is back.',
  'app.error': 'Something went wrong: {message}',
  'app.retry': 'Try again',
  'nav.main': 'Main menu',
  'nav.start': 'Start',
  'nav.admin': 'Administration',
  'nav.logout': 'Log out',
  'nav.language': 'Language',
  'nav.signedInAs': 'Signed in as {name}',
  'lang.sv': 'Svenska',
  'lang.en': 'English',

  'error.network': 'The server cannot be reached. Check the connection and try again.',
  'error.invalidCredentials': 'Wrong e-mail address or password.',
  'error.rateLimited': 'Too many attempts. Wait a while and try again.',
  'error.forbidden': 'You may not do that.',
  'error.notFound': 'Not found.',
  'error.invitationExpired': 'The invitation has expired or was already used. Ask for a new one.',
  'error.invalidState': 'That is not possible in the document’s current state.',
  'error.conflict': 'The change conflicts with something that already exists.',
  'error.validation': 'Check the marked fields.',
  'error.csrf': 'The session needs renewing. Reload the page.',
  'error.unauthenticated': 'You are no longer logged in. Log in again.',
  'error.generic': 'Something went wrong. Try again.',
  'error.field': 'Invalid value.',
  'error.required': 'Fill in this field.',
  'error.passwordLength': 'The password needs at least 10 characters.',
  'error.passwordMismatch': 'The passwords do not match.',
  'error.invitationNeedsLogin': 'This address cannot get a new account here. If you already have one, log in, then accept the invitation.',
  'error.invitationForOtherAccount': 'The invitation is for another e-mail address. Log out first.',

  'login.title': 'Log in',
  'login.intro': 'Log in to work on your agreements.',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.busy': 'Logging in…',
  'login.needsSetup': 'The hub is not set up yet. Open the setup link the server printed when it started.',
  'login.loggedOut': 'You are logged out.',

  'setup.title': 'Set up Överens',
  'setup.intro': 'Create the hub’s first administrator.',
  'setup.name': 'Name',
  'setup.submit': 'Create administrator',
  'setup.noToken': 'The setup link lacks its code. Use the whole link the server printed.',
  'setup.invalid': 'The setup link is not valid (or the hub is already set up).',

  'invite.title': 'Welcome to Överens',
  'invite.intro': 'You have been invited to {party} as {role}. Choose a password for {email}.',
  'invite.name': 'Your name',
  'invite.password': 'New password (at least 10 characters)',
  'invite.confirm': 'Repeat the password',
  'invite.submit': 'Create account',
  'invite.expires': 'The invitation is valid until {date}.',
  'invite.unknown': 'The invitation does not exist. Check the link.',
  'invite.haveAccount': 'I already have an account: log in',
  'invite.joinIntro': 'You have been invited to {party} as {role}.',
  'invite.join': 'Join',
  'invite.otherAccount': 'You are logged in with another account. The invitation is for {email}: log out and log in with that address.',

  'start.title': 'Start',
  'start.welcome': 'Welcome, {name}',
  'start.myParties': 'My parties',
  'start.noParties': 'You are not a member of any party yet.',
  'start.documents': 'Agreements and minutes',
  'start.filters': 'Filter',
  'start.search': 'Search by title or reference number',
  'start.status': 'Status',
  'start.party': 'Party',
  'start.kind': 'Kind',
  'start.all': 'All',
  'start.apply': 'Search',
  'start.clear': 'Clear filters',
  'start.noDocuments': 'No documents to show.',
  'start.noMatches': 'No documents match the filter.',
  'start.more': 'Show more',
  'start.count': '{n} documents shown',
  'start.col.title': 'Title',
  'start.col.reference': 'Reference',
  'start.col.kind': 'Kind',
  'start.col.status': 'Status',
  'start.col.updated': 'Changed',
  'start.checkpoints': 'Upcoming checkpoints',
  'start.noCheckpoints': 'No upcoming checkpoints.',
  'start.feedback': 'Feedback waiting for an answer',
  'start.noFeedback': 'No unanswered feedback.',
  'start.reportTo': 'Reported to {who}',
  'start.example.title': 'Get started',
  'start.example.intro': 'The hub is empty. Create an example workspace with the parties and documents of the Region Västerbotten and Dorotea agreements, and demo accounts to try co-editing with.',
  'start.example.button': 'Create example workspace',
  'start.example.busy': 'Creating…',
  'start.example.done': 'The example workspace is ready. Demo accounts:',
  'start.example.exists': 'The example workspace already existed. Demo accounts:',
  'start.example.account': '{email} – password {password} ({role}, {party})',
  'start.new.title': 'New document',
  'start.new.button': 'Create document',
  'start.new.busy': 'Creating…',
  'start.new.owner': 'Owning party',
  'start.new.titleField': 'Title',
  'start.new.reference': 'Reference number (optional)',

  'doc.loading': 'Loading the document…',
  'doc.notFound': 'The document does not exist, or you may not read it.',
  'doc.back': 'To the start page',
  'doc.readOnly': 'You can read the document but not change its text.',
  'doc.frozen': 'The text is locked in the state “{status}”.',
  'doc.editor': 'Document text',
  'doc.panel': 'About the document',
  'doc.details': 'Details',
  'doc.reference': 'Reference number',
  'doc.kind': 'Kind',
  'doc.status': 'Status',
  'doc.title': 'Title',
  'doc.summary': 'Summary',
  'doc.startsOn': 'Valid from',
  'doc.endsOn': 'Valid until',
  'doc.round': 'Dialogue round',
  'doc.updated': 'Last changed',
  'doc.edit': 'Edit details',
  'doc.save': 'Save',
  'doc.saving': 'Saving…',
  'doc.cancel': 'Cancel',
  'doc.saved': 'The change is saved.',
  'doc.rolledBack': 'The change could not be saved and was undone: {message}',
  'doc.changeStatus': 'Change status',
  'doc.statusButton': 'Change status',
  'doc.none': '–',
  'doc.parties': 'Parties',
  'doc.noParties': 'No parties.',
  'doc.signatory': 'signatory',
  'doc.observer': 'observer',
  'doc.approve': 'Approve for {party}',
  'doc.reject': 'Reject for {party}',
  'doc.resetApproval': 'Withdraw the position of {party}',
  'doc.stages': 'Stages',
  'doc.noStages': 'No stages.',
  'doc.stageStatus': 'Status of {stage}',
  'doc.preconditions': 'Preconditions',
  'doc.stageBlocked': 'The stage can start once its preconditions are met.',
  'doc.met': 'met',
  'doc.notMet': 'not met',
  'doc.addStage': 'Add stage',
  'doc.stageTitle': 'Stage title',
  'doc.checkpoints': 'Checkpoints',
  'doc.noCheckpoints': 'No checkpoints.',
  'doc.decisions': 'Decisions',
  'doc.noDecisions': 'No decisions.',
  'doc.decidedOn': 'decided {date}',
  'doc.attachments': 'Attachments',
  'doc.noAttachments': 'No attachments.',
  'doc.attachment': 'Attachment {n}',
  'doc.addAttachment': 'Add attachment',
  'doc.attachmentTitle': 'Attachment title',
  'doc.parent': 'Belongs to',
  'doc.rounds': 'Dialogue rounds',
  'doc.noRounds': 'No dialogue rounds.',
  'doc.roundTitle': 'Round {n}',
  'doc.meetingWith': 'Meeting with {party}',
  'doc.minutes': 'Minutes',
  'doc.presence': 'Here now',
  'doc.presenceNone': 'Only you.',
  'doc.you': '(you)',
  'doc.meeting': 'The meeting',
  'doc.meetingDate': 'Date',
  'doc.meetingParty': 'Party',
  'doc.meetingRound': 'Dialogue round',
  'doc.meetingLocation': 'Place',
  'doc.attendees': 'Present',
  'doc.noAttendees': 'No attendees recorded.',
  'doc.costShares': 'Cost shares',
  'doc.resources': 'Resources',
  'doc.fte': '{n} full-time equivalents',

  'conn.connecting': 'Connecting…',
  'conn.live': 'Live',
  'conn.offline': 'Offline – changes are kept locally and sent when the connection is back',
  'conn.closed': 'Disconnected',
  'conn.saved': 'Saved',
  'conn.saving': 'Saving…',
  'conn.unsaved': 'Not saved yet',
  'conn.state': 'Connection',
  'conn.denied': 'You may not change the text; your changes were not accepted.',
  'conn.close.4403': 'You do not have access to the document.',
  'conn.close.4404': 'The document no longer exists.',
  'conn.close.4405': 'Your access to the document was removed.',
  'conn.close.4406': 'You were logged out. Log in again to continue.',
  'conn.close.4411': 'You are no longer logged in. Log in again.',
  'conn.close.4413': 'The document has reached the largest allowed size.',
  'conn.close.4429': 'You have too many documents open. Close some tabs and reload the page.',
  'conn.close.4422': 'The server refused a change the document format does not allow. Reload the page.',
  'conn.close.other': 'The server closed the connection ({code}). Reload the page to try again.',
  'conn.reconnect': 'Reconnect',

  'editor.toolbar': 'Formatting',
  'editor.paragraph': 'Body text',
  'editor.h1': 'Heading 1',
  'editor.h2': 'Heading 2',
  'editor.h3': 'Heading 3',
  'editor.bold': 'Bold',
  'editor.italic': 'Italic',
  'editor.bulletList': 'Bulleted list',
  'editor.orderedList': 'Numbered list',
  'editor.link': 'Link',
  'editor.unlink': 'Remove link',
  'editor.linkUrl': 'Web address',
  'editor.linkApply': 'Insert link',
  'editor.linkInvalid': 'Give an address starting with http://, https:// or mailto:',
  'editor.table': 'Insert table',
  'editor.addRow': 'Add row',
  'editor.addColumn': 'Add column',
  'editor.deleteRow': 'Delete row',
  'editor.deleteColumn': 'Delete column',
  'editor.deleteTable': 'Delete table',
  'editor.undo': 'Undo',
  'editor.redo': 'Redo',
  'editor.tableGroup': 'Table',

  'admin.title': 'Administration',
  'admin.noAccess': 'You administer no party.',
  'admin.parties': 'Parties',
  'admin.selectParty': 'Choose party',
  'admin.newParty': 'New party',
  'admin.partyName': 'Name',
  'admin.partyShort': 'Short name (optional)',
  'admin.partyKind': 'Kind of party',
  'admin.orgNumber': 'Organisation number (optional)',
  'admin.createParty': 'Create party',
  'admin.members': 'Members of {party}',
  'admin.noMembers': 'No members.',
  'admin.col.name': 'Name',
  'admin.col.email': 'E-mail',
  'admin.col.role': 'Role',
  'admin.col.actions': 'Actions',
  'admin.roleFor': 'Role of {name}',
  'admin.remove': 'Remove {name}',
  'admin.confirmRemove': 'Remove {name} from {party}? Their open documents are closed.',
  'admin.invitations': 'Invitations',
  'admin.noInvitations': 'No pending invitations.',
  'admin.invite': 'Invite',
  'admin.inviteEmail': 'E-mail address',
  'admin.inviteName': 'Name (optional)',
  'admin.inviteRole': 'Role',
  'admin.inviteSend': 'Create invitation',
  'admin.inviteLink': 'Invitation link (shown only now; send it to the person):',
  'admin.revoke': 'Revoke the invitation to {email}',
  'admin.expires': 'valid until {date}',
  'admin.accepted': 'accepted {date}',
  'admin.changed': 'The role is changed.',

  'role.admin': 'administrator',
  'role.editor': 'editor',
  'role.commenter': 'commenter',
  'role.reader': 'reader',

  'kind.agreement': 'Agreement',
  'kind.regional_agreement': 'Regional agreement',
  'kind.local_agreement': 'Local agreement',
  'kind.letter_of_intent': 'Letter of intent',
  'kind.cooperation_agreement': 'Cooperation agreement',
  'kind.report': 'Report',
  'kind.minutes': 'Minutes',

  'status.draft': 'Draft',
  'status.in_dialogue': 'In dialogue',
  'status.proposed': 'Proposed decision',
  'status.adopted': 'Adopted',
  'status.published': 'Published',
  'status.withdrawn': 'Withdrawn',
  'status.terminated': 'Terminated',

  'partyKind.region': 'Region',
  'partyKind.municipality': 'Municipality',
  'partyKind.county_council': 'County council',
  'partyKind.other': 'Other',

  'approval.pending': 'pending',
  'approval.approved': 'approved',
  'approval.rejected': 'rejected',

  'stage.planned': 'Planned',
  'stage.in_progress': 'In progress',
  'stage.done': 'Done',
  'stage.cancelled': 'Cancelled',

  'decision.proposed': 'Proposed decision',
  'decision.adopted': 'Adopted',
  'decision.rejected': 'Rejected',

  'feedback.open': 'Open',
  'feedback.incorporated': 'Incorporated',
  'feedback.partly_incorporated': 'Partly incorporated',
  'feedback.not_incorporated': 'Not incorporated',
  'feedback.withdrawn': 'Withdrawn',

  'notFound.title': 'Page not found',
  'notFound.body': 'The address leads nowhere.',
};

export const messages = { sv, en } as const;
export type Locale = keyof typeof messages;
export const locales: Locale[] = ['sv', 'en'];

const storageKey = 'overens.locale';

function initialLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    if (stored === 'sv' || stored === 'en') return stored;
  } catch {
    // storage may be off; Swedish it is
  }
  return 'sv';
}

const [locale, setLocaleSignal] = createRoot(() => createSignal<Locale>(initialLocale()));
export { locale };

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    globalThis.localStorage?.setItem(storageKey, next);
  } catch {
    // not kept across reloads, then
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'sv' || value === 'en';
}

/** The string for `key` in the current language, with {placeholders} filled in. Reactive. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(locale(), key, params);
}

export function translate(lang: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[lang][key] ?? messages.sv[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/* Dates: Swedish format in both languages (ISO dates are how Swedish documents write them). */

const dateFormat = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Stockholm' });
const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});
const longDate = {
  sv: new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

function toDate(value: string | Date): Date | null {
  if (value instanceof Date) return value;
  // A bare date (YYYY-MM-DD) is a calendar day, not an instant: read it as noon UTC so no zone moves it.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2015-09-30 */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  return d ? dateFormat.format(d) : String(value);
}

/** 2015-09-30 14:05 */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  return d ? dateTimeFormat.format(d) : String(value);
}

/** 30 september 2015 */
export function formatLongDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  return d ? longDate[locale()].format(d) : String(value);
}

/** 5000 basis points → "50 %" */
export function formatPercent(basisPoints: number): string {
  const n = basisPoints / 100;
  return `${n.toLocaleString(locale() === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 })} %`;
}

/** An ApiError (or anything thrown) as a sentence in the current language. */
export function errorText(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const key = `error.${code}` as MessageKey;
    if (key in sv) return t(key);
  }
  return t('error.generic');
}
