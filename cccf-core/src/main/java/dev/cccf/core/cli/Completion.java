package dev.cccf.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell completion of {@code cccf}, made from the tools' option declarations: it completes
 * the tool names (and {@code scale up|down}, {@code instructions run|...}), each tool's options,
 * the values of an option that names a file or takes one of a few choices, and file names.
 * zsh runs the same function through its {@code bashcompinit}.
 */
final class Completion {
    private Completion() {
    }

    static String bash(List<Tool> tools) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String> first = new ArrayList<>();
        for (Tool t : tools) {
            String[] words = key(t).split(" ");
            if (!first.contains(words[0])) {
                first.add(words[0]);
            }
            if (words.length > 1) {
                groups.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words[1]);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("""
                # bash completion for cccf, made from its tools' option declarations.
                # bash: source <(cccf completion bash)    zsh: source <(cccf completion zsh)
                _cccf() {
                    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
                    local key first=2 i
                    # --opt=value: bash splits at the '=' (COMP_WORDBREAKS)
                    if [ "$cur" = "=" ]; then cur=""; elif [ "$prev" = "=" ]; then prev=${COMP_WORDS[COMP_CWORD-2]}; fi
                    if [ "$COMP_CWORD" -eq 1 ]; then
                        COMPREPLY=($(compgen -W "%s" -- "$cur")); return
                    fi
                    case ${COMP_WORDS[1]} in
                """.formatted(String.join(" ", first)));
        groups.forEach((group, verbs) -> s.append("""
                        %s)
                            if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "%s" -- "$cur")); return; fi
                            key="%s ${COMP_WORDS[2]}"; first=3 ;;
                """.formatted(group, String.join(" ", verbs), group)));
        s.append("""
                        *) key=${COMP_WORDS[1]} ;;
                    esac
                    local opts="" operands=""
                    case $key in
                """);
        for (Tool t : tools) {
            List<String> names = new ArrayList<>();
            StringBuilder values = new StringBuilder();
            for (Option o : t.allOptions()) {
                if (!o.shortName().isEmpty()) {
                    names.add(o.shortName());
                }
                names.add(o.name());
                if (o.takesValue()) {
                    String spelled = o.shortName().isEmpty() ? o.name() : o.shortName() + "|" + o.name();
                    String reply = !o.choices().isEmpty() ? "compgen -W \"" + String.join(" ", o.choices()) + "\" -- \"$cur\""
                            : o.file() ? "compgen -f -- \"$cur\"" : "";
                    values.append("                ").append(spelled).append(") COMPREPLY=(")
                            .append(reply.isEmpty() ? "" : "$(" + reply + ")").append("); return ;;\n");
                }
            }
            s.append("        \"").append(key(t)).append("\")\n");
            s.append("            opts=\"").append(String.join(" ", names)).append("\"\n");
            if (!t.operandChoices().isEmpty()) {
                s.append("            operands=\"").append(String.join(" ", t.operandChoices())).append("\"\n");
            }
            if (values.length() > 0) {
                s.append("            case $prev in\n").append(values).append("            esac\n");
            }
            s.append("            ;;\n");
        }
        s.append("""
                        *) return ;;
                    esac
                    for ((i = first; i < COMP_CWORD; i++)); do
                        if [ "${COMP_WORDS[i]}" = "--" ]; then COMPREPLY=($(compgen -f -- "$cur")); return; fi
                    done
                    if [[ $cur == -* ]]; then
                        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
                    elif [ -n "$operands" ]; then
                        COMPREPLY=($(compgen -W "$operands" -- "$cur"))
                    else
                        COMPREPLY=($(compgen -f -- "$cur"))
                    fi
                }
                # bin/cccf-TOOL is cccf TOOL
                _cccf_alias() {
                    local COMP_WORDS=(cccf "${COMP_WORDS[0]##*/cccf-}" "${COMP_WORDS[@]:1}") COMP_CWORD=$((COMP_CWORD + 1))
                    COMP_WORDS[1]=${COMP_WORDS[1]#cccf-}
                    _cccf
                }
                complete -o filenames -F _cccf cccf
                complete -o filenames -F _cccf_alias %s
                """.formatted(String.join(" ", first.stream().map(w -> "cccf-" + w).toList())));
        return s.toString();
    }

    /** zsh: the bash function through zsh's bashcompinit. */
    static String zsh(List<Tool> tools) {
        return "# zsh completion for cccf: source <(cccf completion zsh)\n"
                + "autoload -U +X compinit && compinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash(tools);
    }

    /** What follows {@code cccf}: {@code validate}, {@code scale up}. */
    static String key(Tool t) {
        return t.name().startsWith("cccf ") ? t.name().substring(5) : t.name();
    }
}
