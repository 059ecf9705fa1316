/*
 * The walk language: a declarative description of a concurrent range walker (the KVM
 * memslot walk, rules W1-W13), the operations that drive it (C1-C5), Kconfig options,
 * arch profiles, handler kinds and the obligations handlers must meet (H1-H13).
 *
 * Every rule statement starts with a keyword and the rule's id (W7, C4, H4, ...), so
 * traces, diagnostics and test names can cite it. Most keywords are soft: they are
 * accepted wherever a name is expected (see `name`), so a flag may be called `range`.
 */
grammar Walk;

specFile
    : importDecl* declaration* EOF
    ;

importDecl
    : IMPORT STRING SEMI
    ;

declaration
    : configDecl
    | handlerKindDecl
    | callbackDecl
    | walkerDecl
    | operationDecl
    | profileDecl
    | obligationDecl
    ;

// ---- Kconfig options ------------------------------------------------------------------

configDecl
    : REFINE? CONFIG name (COLON typeName)? (ASSIGN expr)? (COMMA DEPENDS ON expr)? (COMMA? doc)? SEMI
    ;

typeName
    : name
    ;

doc
    : STRING
    ;

// ---- handler kinds and callbacks -------------------------------------------------------

handlerKindDecl
    : REFINE? HANDLER name (ARROW typeName)? doc? SEMI
    ;

callbackDecl
    : REFINE? CALLBACK name doc? SEMI
    ;

// ---- the walker -------------------------------------------------------------------------

walkerDecl
    : REFINE? WALKER name LBRACE walkerItem* RBRACE
    ;

walkerItem
    : INPUTS typedNames (SEMI typedNames)* SEMI                         # inputsItem
    | FLAGS name (COMMA name)* SEMI                                    # flagsItem
    | CALLBACKS callbackSlot (COMMA callbackSlot)* SEMI                 # callbacksItem
    | DROP dropTarget SEMI                                             # dropItem
    | walkRule                                                           # ruleItem
    ;

typedNames
    : name (COMMA name)* COLON typeName
    ;

callbackSlot
    : name QUESTION?
    ;

dropTarget
    : name                 // a rule id
    | FLAG name            // a flag
    ;

walkRule
    : GUARD ruleId name WHEN expr SEMI                                              # guardRule
    | SECTION ruleId name AROUND WALK SEMI                                          # sectionRule
    | VISIT ruleId visitTarget SEMI                                                 # visitRule
    | CLIP ruleId name TO SLOT SEMI                                                 # clipRule
    | RANGE ruleId GFN ASSIGN name SEMI                                             # gfnRule
    | LOCK ruleId name lockMode ON name (UNLESS expr)? (COMMA THEN name)? SEMI       # lockRule
    | NULL_HANDLER ruleId nullPolicy SEMI                                           # nullHandlerRule
    | RESULT ruleId name ASSIGN name LPAREN name RPAREN (COMMA STOP WHEN expr)? SEMI # resultRule
    | FLUSH ruleId WHEN expr COMMA placement UNLOCK SEMI                             # flushRule
    | UNLOCK ruleId name WHEN expr SEMI                                             # unlockRule
    | RETURN ruleId name (COMMA name)* SEMI                                         # returnRule
    | PASS ruleId name (COMMA name)* SEMI                                           # passRule
    ;

ruleId
    : name
    ;

// Its own rule, so that a wrong word after `visit W3` is reported with the words that fit.
visitTarget
    : ADDRESS_SPACES                                    # addressSpacesTarget
    | SLOTS OVERLAPPING LBRACK expr COMMA expr RBRACK   # slotsTarget
    | BINDINGS OVERLAPPING LBRACK expr COMMA expr RBRACK  # bindingsTarget
    ;

lockMode
    : name
    | LPAREN expr RPAREN
    ;

nullPolicy
    : JUMP UNLOCK          // W8 since v6.10: leave both loops, skip the flush
    | BREAK name           // V2: `break` leaves only the named (inner) loop
    ;

placement
    : BEFORE
    | AFTER
    ;

// ---- operations (callers C1-C5) ---------------------------------------------------------

operationDecl
    : OPERATION ruleId name (LPAREN typedNames (SEMI typedNames)* RPAREN)? ASSIGN name
      LBRACE operationItem* RBRACE
    | REFINE OPERATION ruleId LBRACE operationItem* RBRACE
    ;

operationItem
    : name ASSIGN expr SEMI                # assignItem
    | DROP name SEMI                       # dropAssignItem
    | doc SEMI                             # docItem
    ;

// ---- arch profiles ------------------------------------------------------------------------

profileDecl
    : REFINE? ABSTRACT? PROFILE name (EXTENDS name)? LBRACE profileItem* RBRACE
    ;

profileItem
    : SELECTS name (COMMA name)* SEMI      # selectsItem
    | DROP name SEMI                       # unselectItem
    | name ASSIGN expr SEMI                # propertyItem
    | doc SEMI                             # profileDocItem
    ;

// ---- obligations ----------------------------------------------------------------------------

obligationDecl
    : REFINE? OBLIGATION ruleId name (FOR name (COMMA name)*)? (WHEN expr)? (CITES name (COMMA name)*)? doc? SEMI
    ;

// ---- expressions (C-like precedence) --------------------------------------------------------

expr
    : LPAREN expr RPAREN                                    # parenExpr
    | op=(NOT | MINUS) expr                                 # unaryExpr
    | expr op=(PLUS | MINUS) expr                           # additiveExpr
    | expr op=(LT | LE | GT | GE) expr                      # relationalExpr
    | expr op=(EQ | NE) expr                                # equalityExpr
    | expr op=AND expr                                      # andExpr
    | expr op=OR expr                                       # orExpr
    | <assoc=right> expr QUESTION expr COLON expr           # conditionalExpr
    | INT                                                   # intExpr
    | (TRUE | FALSE)                                        # boolExpr
    | name                                                  # nameExpr
    ;

// Soft keywords: usable as names.
name
    : ID
    | ADDRESS_SPACES | AFTER | BINDINGS | AROUND | BEFORE | BREAK | CALLBACKS | CITES | CLIP | DEPENDS
    | FLAG | FLAGS | FLUSH | FOR | GFN | GUARD | INPUTS | JUMP | LOCK | NULL_HANDLER
    | OVERLAPPING | PASS | RANGE | RESULT | RETURN | SECTION | SELECTS | SLOT | SLOTS | STOP
    | THEN | TO | UNLESS | UNLOCK | VISIT | WALK | WHEN | ON | DROP | EXTENDS
    | IMPORT | CONFIG | HANDLER | CALLBACK | WALKER | OPERATION | PROFILE | ABSTRACT
    | OBLIGATION | REFINE
    ;

// ---- lexer ----------------------------------------------------------------------------------

IMPORT : 'import';
CONFIG : 'config';
HANDLER : 'handler';
CALLBACK : 'callback';
WALKER : 'walker';
OPERATION : 'operation';
PROFILE : 'profile';
ABSTRACT : 'abstract';
OBLIGATION : 'obligation';
REFINE : 'refine';
TRUE : 'true';
FALSE : 'false';

ADDRESS_SPACES : 'address_spaces';
AFTER : 'after';
AROUND : 'around';
BEFORE : 'before';
BREAK : 'break';
CALLBACKS : 'callbacks';
CITES : 'cites';
CLIP : 'clip';
DEPENDS : 'depends';
DROP : 'drop';
EXTENDS : 'extends';
FLAG : 'flag';
FLAGS : 'flags';
FLUSH : 'flush';
FOR : 'for';
GFN : 'gfn';
GUARD : 'guard';
INPUTS : 'inputs';
JUMP : 'jump';
LOCK : 'lock';
NULL_HANDLER : 'null_handler';
ON : 'on';
OVERLAPPING : 'overlapping';
BINDINGS : 'bindings';
PASS : 'pass';
RANGE : 'range';
RESULT : 'result';
RETURN : 'return';
SECTION : 'section';
SELECTS : 'selects';
SLOT : 'slot';
SLOTS : 'slots';
STOP : 'stop';
THEN : 'then';
TO : 'to';
UNLESS : 'unless';
UNLOCK : 'unlock';
VISIT : 'visit';
WALK : 'walk';
WHEN : 'when';

LBRACE : '{';
RBRACE : '}';
LPAREN : '(';
RPAREN : ')';
LBRACK : '[';
RBRACK : ']';
SEMI : ';';
COMMA : ',';
COLON : ':';
QUESTION : '?';
ARROW : '->';
ASSIGN : '=';
EQ : '==';
NE : '!=';
LE : '<=';
GE : '>=';
LT : '<';
GT : '>';
AND : '&&';
OR : '||';
NOT : '!';
PLUS : '+';
MINUS : '-';

INT : [0-9]+ | '0x' [0-9a-fA-F]+;
ID : [a-zA-Z_] [a-zA-Z_0-9]*;

// A string ends on the same line; an unterminated one is its own token so the error names it.
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])*;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
UNTERMINATED_COMMENT : '/*' (~[*] | '*'+ ~[*/])* '*'* EOF;
WS : [ \t\r\n\f]+ -> channel(HIDDEN);

// Anything else is reported as an invalid character, with its position.
INVALID : .;
