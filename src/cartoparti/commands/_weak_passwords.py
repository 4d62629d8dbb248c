"""Passwords and password stems too common to be kept (a small list shipped with the
project; French and English). A password is refused when it is one of them, or one of
them with digits or signs before or after (``azerty2024!``), whatever its case."""

from __future__ import annotations

_WORDS = """
    password passw0rd motdepasse mot2passe motdepass mdp secret secrets
    azerty azertyuiop azertyuiopqsdfghjklm qwerty qwertyuiop qwertz asdfgh asdfghjkl zxcvbn
    abc abcd abcdef abcdefgh abcdefghijkl abcdefghijklmnop aqwzsx azeqsd
    123456 1234567 12345678 123456789 1234567890 0123456789 123456789012 1234567890123
    987654321 9876543210 098765432109 111111111111 000000000000 121212121212 123123123123
    bonjour bonsoir salut coucou soleil jetaime iloveyou loveyou doudou loulou chouchou
    chocolat princesse nicolas camille julien thomas marie pierre nathalie isabelle
    football marseille paris lens lievin liévin loosengohelle france allezlens rclens
    admin administrator administrateur root toor user utilisateur agent mairie commune
    welcome bienvenue letmein changeme changemoi monkey dragon master sunshine shadow
    superman batman starwars pokemon freedom whatever trustno1 baseball hello hellohello
    cartoparti participation democratie citoyen citoyenne
    motdepasseoublie motdepassetropcourt correcthorsebatterystaple
"""

WEAK_PASSWORDS: frozenset[str] = frozenset(_WORDS.split())
